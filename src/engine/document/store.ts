/**
 * The studio document and the only way to change it. Commands run one at a time, in arrival
 * order (a stream-key write is async, and two interleaved commands must not both start from the
 * same document). Each accepted command yields a new frozen snapshot with revision + 1, then its
 * fine-grained events, then document.changed. A rejected command changes nothing and emits nothing.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Status, fail, ok, type CommandType, type Result, type StudioDocument, type StudioEvent } from '../../shared';
import type { SecretStore } from '../api';
import type { KindRegistry } from '../kinds/registry';
import { applyCommand, secretName, signingKeyName, type HandlerContext } from './handlers';
import { UndoHistory, isUndoable, restore, restoreEvents, takeUndoGroup, type HistoryState } from './history';
import { optionalKeys, replaceEvents, type DocumentPart } from './replace';
import { parseArgs } from './issues';
import { COMMAND_SCHEMAS, isDocumentCommand } from './schemas';

export interface DocumentStoreOptions {
  initial: StudioDocument;
  kinds: KindRegistry;
  secrets: SecretStore;
  emit: (e: StudioEvent) => void;
  /** True while an output runs: the canvas, frame rate and encoder are refused then (see liveRefusal). */
  isLive: () => boolean;
  /** True while a recording or the replay buffer writes: the output size is refused then. */
  writingFiles?: () => boolean;
  newId?: () => string;
  /** Milliseconds, for merging a drag's commands into one undo step; default Date.now. */
  now?: () => number;
}

export class DocumentStore {
  private doc: StudioDocument;
  private tail: Promise<unknown> = Promise.resolve();
  private readonly ctx: HandlerContext;
  private readonly history: UndoHistory;

  constructor(private readonly opts: DocumentStoreOptions) {
    this.doc = deepFreeze(structuredClone(opts.initial));
    this.ctx = {
      kinds: opts.kinds,
      isLive: opts.isLive,
      ...(opts.writingFiles && { writingFiles: opts.writingFiles }),
      newId: opts.newId ?? randomUUID,
      newSecret: () => randomBytes(24).toString('base64url'),
    };
    this.history = new UndoHistory(opts.now);
  }

  /** What Undo and Redo would do now (the studio announces changes of it after document.changed). */
  historyState(): HistoryState {
    return this.history.state();
  }

  /** Undo (or redo) the last collection edit, queued behind commands already running. */
  step(direction: 'undo' | 'redo'): Promise<Result<{ label: string }>> {
    const run = this.tail.then(() => this.runStep(direction));
    this.tail = run;
    return run;
  }

  private runStep(direction: 'undo' | 'redo'): Result<{ label: string }> {
    const step = direction === 'undo' ? this.history.undo() : this.history.redo();
    if (!step) return fail(Status.InvalidResourceState, direction === 'undo' ? 'There is nothing to undo.' : 'There is nothing to redo.');
    const before = this.doc;
    this.doc = deepFreeze({ ...restore(this.doc, step.collection), revision: this.doc.revision + 1 });
    for (const e of restoreEvents(before, this.doc)) this.emit(e);
    this.emit({ type: 'document.changed', data: { document: this.doc, cause: `history.${direction}` } });
    return ok({ label: step.label });
  }

  /**
   * Puts another scene collection or profile in place (a switch, a new or imported collection),
   * queued behind commands already running so none lands on the wrong one. `load` runs inside the
   * queue (save the old one, read the new one there); its failure changes nothing. The events say
   * what a client following fine-grained events needs to see; a new collection starts a new undo
   * history, as a loaded one has nothing to undo.
   */
  replace<T>(cause: string, load: () => Promise<Result<{ part: DocumentPart; value: T }>>): Promise<Result<T>> {
    const run = this.tail.then(async (): Promise<Result<T>> => {
      try {
        const loaded = await load();
        if (!loaded.ok) return loaded;
        const { part, value } = loaded.value;
        const before = this.doc;
        const next: StudioDocument = { ...before, ...structuredClone(part), revision: before.revision + 1 };
        // A profile without a watermark has it off, a collection without a transition cuts: the old one's must not linger.
        for (const key of optionalKeys(part)) {
          if ((part as Record<string, unknown>)[key] === undefined) delete (next as unknown as Record<string, unknown>)[key];
        }
        this.doc = deepFreeze(next);
        for (const e of replaceEvents(before, this.doc)) this.emit(e);
        // The studio announces the emptied history after document.changed, as for every edit.
        if ('scenes' in part) this.history.clear();
        this.emit({ type: 'document.changed', data: { document: this.doc, cause } });
        return ok(value);
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        return fail(Status.RequestProcessingFailed, `The studio could not apply ${cause}: ${why}`);
      }
    });
    this.tail = run;
    return run;
  }

  /** The current snapshot. Frozen: a new object replaces it on every accepted command. */
  get(): StudioDocument {
    return this.doc;
  }

  execute(type: CommandType, args: unknown): Promise<Result<unknown>> {
    const run = this.tail.then(() => this.run(type, args));
    this.tail = run;
    return run;
  }

  /** The stored key of a destination, for the output side only; never put it in the document. */
  async streamKey(destinationId: string): Promise<string | undefined> {
    if (!this.doc.destinations.some((d) => d.id === destinationId)) return undefined;
    return this.opts.secrets.get(secretName(destinationId));
  }

  /** The private key a destination signs its push URL with, for the output side only. */
  async signingKey(destinationId: string): Promise<string | undefined> {
    if (!this.doc.destinations.some((d) => d.id === destinationId)) return undefined;
    return this.opts.secrets.get(signingKeyName(destinationId));
  }

  private async run(type: CommandType, raw: unknown): Promise<Result<unknown>> {
    try {
      const { args, group } = takeUndoGroup(raw);
      if (!isDocumentCommand(type)) {
        return fail(Status.RequestProcessingFailed, `"${String(type).slice(0, 80)}" is not a document command.`);
      }
      // Omitted args read as {} (obs-websocket's requestData is optional too).
      const parsed = parseArgs(COMMAND_SCHEMAS[type], args === undefined ? {} : args);
      if (!parsed.ok) return parsed;
      const result = applyCommand(type, this.doc, parsed.value, this.ctx);
      if (!result.ok) return result;
      const { doc, events, value, secrets = [] } = result.value;
      for (const secret of secrets) {
        try {
          if (secret.value === null) await this.opts.secrets.delete(secret.name);
          else await this.opts.secrets.set(secret.name, secret.value);
        } catch {
          // The store's own error text is not shown: it could in principle echo what it was given.
          return fail(Status.ActionFailed, 'The secret could not be saved to the secret store, so nothing was changed.');
        }
      }
      const before = this.doc;
      this.doc = deepFreeze({ ...doc, revision: this.doc.revision + 1 });
      if (isUndoable(type)) this.history.record(type, parsed.value, before, this.doc, group);
      for (const e of events) this.emit(e);
      this.emit({ type: 'document.changed', data: { document: this.doc, cause: type } });
      return ok(value);
    } catch (e) {
      // A bug, not bad input: report it as a failed request rather than rejecting the promise.
      const why = e instanceof Error ? e.message : String(e);
      return fail(Status.RequestProcessingFailed, `The studio could not apply ${type}: ${why}`);
    }
  }

  private emit(e: StudioEvent): void {
    // The change is already committed; a throwing listener must not hide it from the others.
    try {
      this.opts.emit(e);
    } catch {
      /* the emitter owns its listeners' failures */
    }
  }
}

/** Freezes the snapshot so a consumer that mutates it fails loudly instead of corrupting state. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
