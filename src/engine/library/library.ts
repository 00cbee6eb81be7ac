/**
 * The scene collections and profiles of a data folder (layout.ts) and the commands on them:
 * create, rename, duplicate, remove, switch, export, import, and the OBS imports. One operation
 * runs at a time. A switch goes through the document store's queue (DocumentStore.replace): the
 * loaded collection is saved first, then the other is read and put in place, so no command lands
 * on the wrong one and nothing unsaved is lost. Removing keeps the file, moved aside as
 * `<name>.removed-<time>.json`; no operation here deletes a collection or profile file.
 *
 * Stream keys and webhook secrets stay in the secret store, named by destination (and webhook) id,
 * so they follow their destination into whichever profile holds it: a duplicated profile's
 * destinations get new ids and copies of the keys, an imported one's have none (files carry no
 * keys), and a removed profile's keys are deleted with it.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import {
  Status,
  fail,
  ok,
  type CommandType,
  type LibraryList,
  type NoticeLevel,
  type Result,
  type StudioDocument,
  type StudioEvent,
} from '../../shared';
import type { SecretStore } from '../api';
import { secretName, signingKeyName, webhookSecretName } from '../document/handlers';
import { parseArgs } from '../document/issues';
import type { CollectionDocumentPart, ProfileDocumentPart } from '../document/replace';
import type { DocumentStore } from '../document/store';
import { imageSize } from '../import/image-size';
import { importObsCollection } from '../import/obs-collection';
import { parseObsService } from '../import/obs-service';
import type { KindRegistry } from '../kinds/registry';
import { moveAside, writeFileAtomic } from '../persistence/atomic';
import { collectionJson, profileJson, type ProfileFile } from '../persistence/files';
import { blankCollection, defaultProfile, parseCollection, parseProfile, readCollection, readProfile, type LoadNotice } from '../persistence/load';
import { absolute, currentEntry, entriesOf, newFile, saveLayout, uniqueName, type Entry, type Layout, type LibraryKind } from './layout';
import { LIBRARY_SCHEMAS, isLibraryVerb } from './schemas';

export interface LibraryOptions {
  dataDir: string;
  layout: Layout;
  store: DocumentStore;
  kinds: KindRegistry;
  secrets: SecretStore;
  /** Saves the loaded collection and profile now (the autosaver's flush). */
  flush: () => Promise<void>;
  /** True while an output runs: profiles cannot be switched then, as in OBS. */
  isLive: () => boolean;
  emit: (e: StudioEvent) => void;
  notify: (level: NoticeLevel, message: string) => void;
  newId?: () => string;
  now?: () => number;
}

const WORD: Record<LibraryKind, string> = { collection: 'scene collection', profile: 'profile' };

export const isLibraryCommand = (type: string): boolean => /^(collection|profile)\./.test(type);

export class Library {
  private chain: Promise<unknown> = Promise.resolve();
  private readonly newId: () => string;
  private readonly now: () => number;

  constructor(private readonly opts: LibraryOptions) {
    this.newId = opts.newId ?? randomUUID;
    this.now = opts.now ?? Date.now;
  }

  /** The files the autosaver writes the loaded collection and profile to. */
  files(): { collection: string; profile: string } {
    const { dataDir, layout } = this.opts;
    return { collection: absolute(dataDir, currentEntry(layout, 'collection').file), profile: absolute(dataDir, currentEntry(layout, 'profile').file) };
  }

  list(kind: LibraryKind): LibraryList {
    return { current: currentEntry(this.opts.layout, kind).name, names: entriesOf(this.opts.layout, kind).map((e) => e.name) };
  }

  /** Runs a collection.* or profile.* command, after any library operation already running. */
  execute(type: CommandType, args: unknown): Promise<Result<unknown>> {
    const run = this.chain.then(() => this.run(type, args));
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async run(type: CommandType, args: unknown): Promise<Result<unknown>> {
    const [area, verb = ''] = type.split('.');
    const kind: LibraryKind = area === 'profile' ? 'profile' : 'collection';
    if (!isLibraryVerb(verb)) return fail(Status.RequestProcessingFailed, `"${type}" is not a library command.`);
    const parsed = parseArgs(LIBRARY_SCHEMAS[verb], args === undefined ? {} : args);
    if (!parsed.ok) return parsed;
    const a = parsed.value as { name: string; newName: string; json: string };
    try {
      switch (verb) {
        case 'list':
          return ok(this.list(kind));
        case 'create':
          return await this.create(kind, a.name);
        case 'rename':
          return await this.rename(kind, a.name, a.newName);
        case 'duplicate':
          return await this.duplicate(kind, a.name, a.newName);
        case 'remove':
          return await this.remove(kind, a.name);
        case 'switch':
          return await this.switchTo(kind, a.name);
        case 'export':
          return await this.exportText(kind, a.name);
        case 'import':
          return await this.importText(kind, a.json, a.name);
        case 'importObs':
          return kind === 'collection' ? await this.importObs(a.json) : fail(Status.RequestProcessingFailed, 'An OBS scene collection is imported with collection.importObs.');
        case 'importObsService':
          return kind === 'profile' ? await this.importObsService(a.json) : fail(Status.RequestProcessingFailed, 'An OBS service.json is imported with profile.importObsService.');
      }
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      return fail(Status.RequestProcessingFailed, `The studio could not run ${type}: ${why}`);
    }
  }

  private entry(kind: LibraryKind, name: string): Entry | undefined {
    return entriesOf(this.opts.layout, kind).find((e) => e.name === name);
  }

  private missing(kind: LibraryKind, name: string): Result<never> {
    return fail(Status.ResourceNotFound, `There is no ${WORD[kind]} called "${name}".`, 'name');
  }

  private taken(kind: LibraryKind, name: string): Result<never> | null {
    return this.entry(kind, name) ? fail(Status.ResourceAlreadyExists, `A ${WORD[kind]} called "${name}" already exists.`, 'newName') : null;
  }

  private liveRefusal(kind: LibraryKind): Result<never> | null {
    return kind === 'profile' && this.opts.isLive()
      ? fail(Status.OutputRunning, 'Profiles cannot be switched while streaming or recording (as in OBS); stop the outputs first.')
      : null;
  }

  private async addEntry(kind: LibraryKind, name: string, text: string): Promise<void> {
    const file = newFile(kind, this.newId());
    await writeFileAtomic(absolute(this.opts.dataDir, file), text, { backup: true });
    entriesOf(this.opts.layout, kind).push({ name, file });
    await this.saveLayout();
    this.announce(kind);
  }

  private async create(kind: LibraryKind, name: string): Promise<Result<null>> {
    const refused = this.taken(kind, name) ?? this.liveRefusal(kind);
    if (refused) return refused;
    const doc = this.opts.store.get();
    const text = kind === 'collection' ? collectionJson({ ...doc, ...blankCollection(this.newId) }) : profileJson(withProfile(doc, defaultProfile()));
    await this.addEntry(kind, name, text);
    return this.switchTo(kind, name);
  }

  private async rename(kind: LibraryKind, name: string, newName: string): Promise<Result<null>> {
    const entry = this.entry(kind, name);
    if (!entry) return this.missing(kind, name);
    if (newName === name) return ok(null);
    const refused = this.taken(kind, newName);
    if (refused) return refused;
    const layout = this.opts.layout;
    if (kind === 'collection' && layout.currentCollection === name) layout.currentCollection = newName;
    if (kind === 'profile' && layout.currentProfile === name) layout.currentProfile = newName;
    entry.name = newName;
    await this.saveLayout();
    this.announce(kind);
    return ok(null);
  }

  private async duplicate(kind: LibraryKind, name: string, newName: string): Promise<Result<null>> {
    const entry = this.entry(kind, name);
    if (!entry) return this.missing(kind, name);
    const refused = this.taken(kind, newName) ?? this.liveRefusal(kind);
    if (refused) return refused;
    const text = await this.fileText(kind, entry);
    if (!text.ok) return text;
    let copy = text.value;
    if (kind === 'profile') {
      const profile = parseProfile(copy);
      if (typeof profile === 'string') return fail(Status.FileUnreadable, `The profile "${name}" cannot be duplicated because ${profile}.`);
      copy = profileJson(withProfile(this.opts.store.get(), await this.rekey(profile, true)));
    }
    await this.addEntry(kind, newName, copy);
    return this.switchTo(kind, newName);
  }

  private async remove(kind: LibraryKind, name: string): Promise<Result<null>> {
    const entry = this.entry(kind, name);
    if (!entry) return this.missing(kind, name);
    const entries = entriesOf(this.opts.layout, kind);
    if (entries.length === 1) return fail(Status.InvalidResourceState, `"${name}" is the only ${WORD[kind]}, so it cannot be removed.`);
    if (currentEntry(this.opts.layout, kind) === entry) {
      const switched = await this.switchTo(kind, entries.find((e) => e !== entry)!.name);
      if (!switched.ok) return switched;
    }
    const file = absolute(this.opts.dataDir, entry.file);
    const profile = kind === 'profile' ? await readFile(file, 'utf8').then(parseProfile, () => 'unreadable') : null;
    entries.splice(entries.indexOf(entry), 1);
    await this.saveLayout();
    this.announce(kind);
    await moveAside(file, 'removed', this.now()).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') this.opts.notify('warning', `The removed ${WORD[kind]}'s file ${file} could not be moved aside (${String(e.code)}); it is left where it was.`);
    });
    // Keys belong to destinations; the removed profile's destinations are gone with it.
    if (profile && typeof profile !== 'string') {
      for (const d of profile.destinations) {
        await this.opts.secrets.delete(secretName(d.id)).catch(() => undefined);
        await this.opts.secrets.delete(signingKeyName(d.id)).catch(() => undefined);
      }
      for (const w of profile.webhooks) await this.opts.secrets.delete(webhookSecretName(w.id)).catch(() => undefined);
    }
    return ok(null);
  }

  private async switchTo(kind: LibraryKind, name: string): Promise<Result<null>> {
    const entry = this.entry(kind, name);
    if (!entry) return this.missing(kind, name);
    const refused = this.liveRefusal(kind);
    if (refused) return refused;
    const layout = this.opts.layout;
    const leaving = currentEntry(layout, kind);
    if (leaving === entry) return ok(null);
    this.opts.emit({ type: `${kind}.switching`, data: { name: leaving.name } });
    const notices: LoadNotice[] = [];
    const r = await this.opts.store.replace(`${kind}.switch`, async () => {
      await this.opts.flush();
      const file = absolute(this.opts.dataDir, entry.file);
      let part: CollectionDocumentPart | ProfileDocumentPart;
      if (kind === 'collection') {
        const read = await readCollection(file, this.opts.kinds, notices, this.now);
        part = read.state === 'ok' ? read.value : blankCollection(this.newId);
      } else {
        const read = await readProfile(file, notices, this.now);
        const { version: _v, ...profile } = read.state === 'ok' ? read.value : { version: 1, ...defaultProfile() };
        part = { watermark: undefined, ...profile };
      }
      // Set last and synchronously: the autosaver asks for the files when it writes.
      if (kind === 'collection') layout.currentCollection = entry.name;
      else layout.currentProfile = entry.name;
      return ok({ part, value: null });
    });
    for (const n of notices) this.opts.notify(n.level, n.message);
    if (!r.ok) return r;
    await this.saveLayout();
    // The list itself did not change (OBS sends no list event for a switch); switched names the new one.
    this.opts.emit({ type: `${kind}.switched`, data: { name: entry.name } });
    return ok(null);
  }

  private async exportText(kind: LibraryKind, name: string): Promise<Result<{ json: string }>> {
    const entry = this.entry(kind, name);
    if (!entry) return this.missing(kind, name);
    const text = await this.fileText(kind, entry);
    return text.ok ? ok({ json: text.value }) : text;
  }

  private async importText(kind: LibraryKind, json: string, wanted: string): Promise<Result<{ name: string }>> {
    const notices: LoadNotice[] = [];
    let text: string;
    const doc = this.opts.store.get();
    if (kind === 'collection') {
      const collection = parseCollection(json, this.opts.kinds, notices);
      if (typeof collection === 'string') return fail(Status.InvalidRequestField, `The scene collection cannot be imported because ${collection}.`, 'json');
      text = collectionJson({ ...doc, ...collection });
    } else {
      const profile = parseProfile(json);
      if (typeof profile === 'string') return fail(Status.InvalidRequestField, `The profile cannot be imported because ${profile}.`, 'json');
      text = profileJson(withProfile(doc, await this.rekey(profile, false)));
    }
    for (const n of notices) this.opts.notify(n.level, n.message);
    const name = uniqueName(wanted, this.list(kind).names);
    await this.addEntry(kind, name, text);
    return ok({ name });
  }

  private async importObs(json: string): Promise<Result<{ sceneCollectionName: string; skipped: { name: string; reason: string }[] }>> {
    const video = this.opts.store.get().video;
    const imported = await importObsCollection(json, { kinds: this.opts.kinds, newId: this.newId, canvas: { width: video.baseWidth, height: video.baseHeight }, imageSize });
    if (!imported.ok) return imported;
    // Held to the same rules as a saved file, so what was imported also loads next time.
    const text = collectionJson({ ...this.opts.store.get(), ...imported.value.collection });
    const notices: LoadNotice[] = [];
    const checked = parseCollection(text, this.opts.kinds, notices);
    if (typeof checked === 'string') return fail(Status.InvalidRequestField, `The OBS scene collection cannot be imported because ${checked}.`, 'json');
    const name = uniqueName(imported.value.name || 'Imported from OBS', this.list('collection').names);
    await this.addEntry('collection', name, collectionJson({ ...this.opts.store.get(), ...checked }));
    const switched = await this.switchTo('collection', name);
    if (!switched.ok) return switched;
    const skipped = [...imported.value.skipped, ...notices.map((n) => ({ name, reason: n.message }))];
    // OBS keeps source hotkeys in the collection; the studio keeps bindings in the loaded profile.
    for (const binding of imported.value.hotkeys) {
      const bound = await this.opts.store.execute('hotkey.bind', binding);
      if (!bound.ok) skipped.push({ name: binding.name, reason: `hotkey not bound: ${bound.error.message}` });
    }
    return ok({ sceneCollectionName: name, skipped });
  }

  private async importObsService(json: string): Promise<Result<{ destinationId: string }>> {
    const service = parseObsService(json);
    if (!service.ok) return service;
    const { name, server, key } = service.value;
    const r = await this.opts.store.execute('destination.upsert', { name, server, ...(key && { key }) });
    return r.ok ? ok({ destinationId: (r.value as { id: string }).id }) : r;
  }

  /** A saved file's text; the loaded one is saved first so the text is current. */
  private async fileText(kind: LibraryKind, entry: Entry): Promise<Result<string>> {
    if (currentEntry(this.opts.layout, kind) === entry) await this.opts.flush();
    const file = absolute(this.opts.dataDir, entry.file);
    try {
      return ok(await readFile(file, 'utf8'));
    } catch (e) {
      return fail(Status.FileUnreadable, `The ${WORD[kind]} "${entry.name}" could not be read from ${file} (${String((e as NodeJS.ErrnoException).code)}).`);
    }
  }

  /**
   * A profile's destinations and webhooks under new ids, so two profiles never share a key: with
   * `copy`, each stored key or secret is copied to its new id; without, the copy has none.
   */
  private async rekey(p: ProfileFile, copy: boolean): Promise<ProfileDocumentPart> {
    const { secrets } = this.opts;
    const destinations = [];
    for (const d of p.destinations) {
      const id = this.newId();
      const key = copy && d.hasKey ? await secrets.get(secretName(d.id)) : undefined;
      if (key) await secrets.set(secretName(id), key);
      const signingKey = copy && d.signing?.hasSigningKey ? await secrets.get(signingKeyName(d.id)) : undefined;
      if (signingKey) await secrets.set(signingKeyName(id), signingKey);
      // Like the stream key: without `copy` the rule stays and asks for its key again.
      const signing = d.signing && { ...d.signing, hasSigningKey: signingKey !== undefined && signingKey !== '' };
      destinations.push({ ...d, id, hasKey: key !== undefined && key !== '', signing });
    }
    const webhooks = [];
    for (const w of p.webhooks) {
      const id = this.newId();
      const secret = copy && w.hasSecret ? await secrets.get(webhookSecretName(w.id)) : undefined;
      if (secret) await secrets.set(webhookSecretName(id), secret);
      webhooks.push({ ...w, id, hasSecret: secret !== undefined && secret !== '' });
    }
    // Everything else the profile holds (video, output, watermark, and what later builds add) comes along.
    const { version: _v, ...rest } = p;
    return { ...rest, destinations, webhooks };
  }

  private async saveLayout(): Promise<void> {
    try {
      await saveLayout(this.opts.dataDir, this.opts.layout);
    } catch (e) {
      this.opts.notify('error', `The list of scene collections and profiles could not be saved: ${e instanceof Error ? e.message : String(e)}.`);
    }
  }

  private announce(kind: LibraryKind): void {
    this.opts.emit(kind === 'collection' ? { type: 'collections.changed', data: this.list(kind) } : { type: 'profiles.changed', data: this.list(kind) });
  }
}

/** The document with another profile's settings in place (for writing that profile's file). */
function withProfile(doc: StudioDocument, p: ProfileDocumentPart | Omit<ProfileFile, 'version'>): StudioDocument {
  const { watermark: _w, ...rest } = doc;
  return { ...rest, ...p, ...(p.watermark ? { watermark: p.watermark } : {}) } as StudioDocument;
}
