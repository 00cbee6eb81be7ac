/**
 * Debounced saving. A burst of commands (dragging an item sends dozens) becomes one write after
 * the burst settles, but a burst that never settles still saves at least every maxWaitMs. Writes
 * run one after another so an older snapshot can never land after a newer one, and a file whose
 * text did not change is not rewritten (its .bak keeps the last real change).
 */
import path from 'node:path';
import type { StudioDocument } from '../../shared';
import type { Clock, TimerHandle } from '../api';
import { writeFileAtomic } from './atomic';
import { COLLECTION_FILE, PROFILE_FILE, collectionJson, profileJson } from './files';

export interface AutosaverOptions {
  dataDir: string;
  get: () => StudioDocument;
  clock: Clock;
  /** Quiet time after the last change before saving. Default 1000 ms. */
  delayMs?: number;
  /** Longest a pending change waits while changes keep coming. Default 10 × delayMs. */
  maxWaitMs?: number;
  /**
   * Where the loaded scene collection and profile are saved (absolute paths), asked at each write so
   * a switch (see library/library.ts) saves into the new files. Default: the data folder's own.
   */
  files?: () => { collection: string; profile: string };
  /** Save failures land here (one sentence); they are never thrown. */
  onError: (message: string) => void;
}

export class Autosaver {
  private readonly delay: number;
  private readonly maxWait: number;
  private timer: TimerHandle | undefined;
  private pendingSince = 0;
  private writing: Promise<void> = Promise.resolve();
  private lastDoc: StudioDocument | undefined;
  private readonly lastText = new Map<string, string>();
  private disposed = false;

  constructor(private readonly opts: AutosaverOptions) {
    this.delay = opts.delayMs ?? 1000;
    this.maxWait = opts.maxWaitMs ?? this.delay * 10;
  }

  /** Call after every change; the save happens once changes pause. */
  schedule(): void {
    if (this.disposed) return;
    const { clock } = this.opts;
    const now = clock.now();
    if (this.timer !== undefined) {
      // Postponing forever would lose work if changes never stop: past maxWait the timer stands.
      if (now - this.pendingSince >= this.maxWait) return;
      clock.clearTimeout(this.timer);
    } else {
      this.pendingSince = now;
    }
    const wait = Math.min(this.delay, this.pendingSince + this.maxWait - now);
    this.timer = clock.setTimeout(() => {
      this.timer = undefined;
      void this.save();
    }, wait);
  }

  /** Saves now (and waits for any save already running). Resolves even when the save failed. */
  flush(): Promise<void> {
    if (this.timer !== undefined) {
      this.opts.clock.clearTimeout(this.timer);
      this.timer = undefined;
    }
    return this.save();
  }

  /** Drops a pending save; call flush() first to keep it. */
  dispose(): void {
    this.disposed = true;
    if (this.timer !== undefined) this.opts.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private save(): Promise<void> {
    // The catch keeps the chain alive: one failed save must not stop every later one.
    this.writing = this.writing
      .then(() => this.write())
      .catch((e: unknown) => this.report(`Could not save the studio: ${e instanceof Error ? e.message : String(e)}.`));
    return this.writing;
  }

  private async write(): Promise<void> {
    const doc = this.opts.get();
    if (doc === this.lastDoc) return;
    let failed = false;
    const files = this.opts.files?.() ?? {
      collection: path.join(this.opts.dataDir, COLLECTION_FILE),
      profile: path.join(this.opts.dataDir, PROFILE_FILE),
    };
    for (const [file, text] of [
      [files.collection, collectionJson(doc)],
      [files.profile, profileJson(doc)],
    ] as const) {
      if (this.lastText.get(file) === text) continue;
      try {
        await writeFileAtomic(file, text, { backup: true });
        this.lastText.set(file, text);
      } catch (e) {
        failed = true;
        const why = e instanceof Error ? e.message : String(e);
        this.report(`Could not save ${file}: ${why}. Your changes are kept and saving is tried again at the next change.`);
      }
    }
    if (!failed) this.lastDoc = doc;
  }

  private report(message: string): void {
    try {
      this.opts.onError(message);
    } catch {
      /* a failing reporter must not break the save chain */
    }
  }
}
