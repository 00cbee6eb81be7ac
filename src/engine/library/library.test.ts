/**
 * Scene collections and profiles on a real engine (createStudio) and a real data folder: an old
 * folder loads unchanged, each collection autosaves into its own file, switches replace the document
 * with the right events and a fresh undo history, stream keys follow their destinations and never
 * reach a plain file, and nothing is ever deleted.
 */
import { mkdtemp, readFile, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandType, StudioEvent } from '../../shared';
import type { Studio } from '../api';
import { createStudio } from '../studio';

const resourcesDir = path.resolve(import.meta.dirname, '../../../resources');
const dirs: string[] = [];
const studios: Studio[] = [];
afterEach(async () => {
  await Promise.all(studios.splice(0).map((s) => s.dispose()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function folder(): Promise<string> {
  const d = await mkdtemp(path.join(tmpdir(), 'bs-library-'));
  dirs.push(d);
  return d;
}

async function open(dataDir: string): Promise<{ studio: Studio; events: StudioEvent[] }> {
  const studio = await createStudio({ dataDir, resourcesDir, logger: { log: () => undefined } });
  studios.push(studio);
  const events: StudioEvent[] = [];
  studio.subscribe((e) => events.push(e));
  return { studio, events };
}

async function must<T = unknown>(studio: Studio, type: CommandType, args: unknown = {}): Promise<T> {
  const r = await studio.execute(type, args);
  if (!r.ok) throw new Error(`${type}: ${r.error.message}`);
  return r.value as T;
}

/** Every file under dir (relative paths), recursively. */
async function files(dir: string, base = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(path.join(dir, base), { withFileTypes: true })) {
    const rel = path.posix.join(base, e.name);
    if (e.isDirectory()) out.push(...(await files(dir, rel)));
    else out.push(rel);
  }
  return out.sort();
}

// A data folder exactly as the studio wrote it before collections and profiles existed (version 1,
// from before studio mode, filters and the mixer's extra state).
const OLD_COLLECTION = `{
  "version": 1,
  "scenes": [
    { "uuid": "s-1", "name": "Talk", "nextItemId": 2, "items": [
      { "sceneItemId": 1, "sourceUuid": "i-1", "enabled": true, "locked": false,
        "transform": { "positionX": 10, "positionY": 20, "rotation": 0, "scaleX": 1, "scaleY": 1, "alignment": 5,
                       "cropLeft": 0, "cropRight": 0, "cropTop": 0, "cropBottom": 0 } } ] }
  ],
  "inputs": [ { "uuid": "i-1", "name": "Red", "kind": "color_source_v3", "settings": { "color": 4278190335, "width": 0, "height": 0 } } ],
  "currentSceneUuid": "s-1"
}
`;
const OLD_PROFILE = `{
  "version": 1,
  "video": { "baseWidth": 1280, "baseHeight": 720, "outputWidth": 1280, "outputHeight": 720, "fpsNumerator": 30, "fpsDenominator": 1 },
  "output": {
    "encoder": { "encoder": "auto", "rateControl": "CBR", "bitrateKbps": 3000, "keyframeIntervalSec": 2, "preset": "veryfast", "profile": "main", "bFrames": 0, "audioBitrateKbps": 160 },
    "ffmpegPath": "",
    "recording": { "folder": "", "format": "mkv", "filenamePattern": "%CCYY-%MM-%DD %hh-%mm-%ss", "remuxToMp4": false, "minFreeMb": 500 },
    "uplinkKbps": 0,
    "templates": []
  },
  "destinations": [ { "id": "d-1", "name": "Main", "enabled": true, "server": "rtmp://127.0.0.1/live", "hasKey": false } ]
}
`;

describe('an old data folder', () => {
  it('loads unchanged as the "Untitled" collection and profile, with no file moved or written', async () => {
    const dir = await folder();
    await writeFile(path.join(dir, 'collection.json'), OLD_COLLECTION);
    await writeFile(path.join(dir, 'profile.json'), OLD_PROFILE);
    const { studio } = await open(dir);
    const doc = studio.document();
    expect(doc.scenes.map((s) => s.name)).toEqual(['Talk']);
    expect(doc.inputs[0]).toMatchObject({ uuid: 'i-1', name: 'Red', settings: { color: 4278190335 } });
    expect(doc.scenes[0]!.items[0]!.transform).toMatchObject({ positionX: 10, positionY: 20 });
    expect(doc.output.encoder.bitrateKbps).toBe(3000);
    expect(doc.destinations.map((d) => d.name)).toEqual(['Main']);
    expect(await must(studio, 'collection.list')).toEqual({ current: 'Untitled', names: ['Untitled'] });
    expect(await must(studio, 'profile.list')).toEqual({ current: 'Untitled', names: ['Untitled'] });
    expect(await files(dir)).toEqual(['collection.json', 'profile.json']);
    expect(await readFile(path.join(dir, 'collection.json'), 'utf8')).toBe(OLD_COLLECTION);
    expect(await readFile(path.join(dir, 'profile.json'), 'utf8')).toBe(OLD_PROFILE);
  });
});

describe('scene collections', () => {
  it('create, switch, rename, duplicate and remove, each collection saved in its own file', async () => {
    const dir = await folder();
    const { studio, events } = await open(dir);
    const first = studio.document();
    const firstScenes = first.scenes.map((s) => s.name);
    await must(studio, 'scene.create', { name: 'Only in Untitled' });
    expect(studio.document().scenes.map((s) => s.name)).toContain('Only in Untitled');

    events.length = 0;
    await must(studio, 'collection.create', { name: 'Show' });
    expect(studio.document().scenes.map((s) => s.name)).toEqual(['Scene']);
    expect(await must(studio, 'collection.list')).toEqual({ current: 'Show', names: ['Untitled', 'Show'] });
    const types = events.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['collections.changed', 'collection.switching', 'scene.removed', 'scene.created', 'history.changed', 'document.changed', 'collection.switched']));
    expect(types.indexOf('collection.switching')).toBeLessThan(types.indexOf('document.changed'));
    expect(types.indexOf('document.changed')).toBeLessThan(types.indexOf('collection.switched'));
    expect(events.find((e) => e.type === 'collection.switching')?.data).toEqual({ name: 'Untitled' });
    expect(events.find((e) => e.type === 'document.changed')?.data).toMatchObject({ cause: 'collection.switch' });
    // A loaded collection has nothing to undo, not even the scene made in the other one.
    expect(events.filter((e) => e.type === 'history.changed').map((e) => e.data)).toEqual([{ undo: null, redo: null }]);

    await must(studio, 'scene.create', { name: 'Only in Show' });
    await must(studio, 'collection.switch', { name: 'Untitled' });
    expect(studio.document().scenes.map((s) => s.name)).toEqual([...firstScenes, 'Only in Untitled']);
    await must(studio, 'collection.switch', { name: 'Show' });
    expect(studio.document().scenes.map((s) => s.name)).toEqual(['Scene', 'Only in Show']);

    await must(studio, 'collection.rename', { name: 'Show', newName: 'Friday show' });
    await must(studio, 'collection.duplicate', { name: 'Friday show', newName: 'Saturday show' });
    expect(await must(studio, 'collection.list')).toEqual({ current: 'Saturday show', names: ['Untitled', 'Friday show', 'Saturday show'] });
    expect(studio.document().scenes.map((s) => s.name)).toEqual(['Scene', 'Only in Show']);

    expect(await studio.execute('collection.create', { name: 'Untitled' })).toMatchObject({ ok: false, error: { code: 601 } });
    expect(await studio.execute('collection.switch', { name: 'Nope' })).toMatchObject({ ok: false, error: { code: 600, message: 'There is no scene collection called "Nope".' } });
    expect(await studio.execute('collection.create', { name: ' ' })).toMatchObject({ ok: false, error: { field: 'name' } });

    // Removing the loaded one loads another first; its file is kept, moved aside.
    await must(studio, 'collection.remove', { name: 'Saturday show' });
    expect(await must(studio, 'collection.list')).toEqual({ current: 'Untitled', names: ['Untitled', 'Friday show'] });
    expect(studio.document().scenes.map((s) => s.name)).toContain('Only in Untitled');
    const all = await files(dir);
    expect(all.filter((f) => /^collections\/.+\.removed-.+\.json$/.test(f))).toHaveLength(1);

    // Everything survives a restart: the list, the loaded one, each one's content.
    await studio.dispose();
    const again = await open(dir);
    expect(await must(again.studio, 'collection.list')).toEqual({ current: 'Untitled', names: ['Untitled', 'Friday show'] });
    await must(again.studio, 'collection.switch', { name: 'Friday show' });
    expect(again.studio.document().scenes.map((s) => s.name)).toEqual(['Scene', 'Only in Show']);
  });

  it('exports a collection as a file and imports it back under a unique name', async () => {
    const dir = await folder();
    const { studio } = await open(dir);
    await must(studio, 'scene.create', { name: 'Exported scene' });
    const { json } = await must<{ json: string }>(studio, 'collection.export', { name: 'Untitled' });
    expect(JSON.parse(json).scenes.map((s: { name: string }) => s.name)).toContain('Exported scene');
    expect(await must(studio, 'collection.import', { json, name: 'Untitled' })).toEqual({ name: 'Untitled 2' });
    await must(studio, 'collection.switch', { name: 'Untitled 2' });
    expect(studio.document().scenes.map((s) => s.name)).toContain('Exported scene');
    expect(await studio.execute('collection.import', { json: '{"version":1}', name: 'X' })).toMatchObject({
      ok: false,
      error: { code: 400, message: expect.stringMatching(/^The scene collection cannot be imported because it is invalid/) },
    });
  });

  it('imports an OBS collection, loads it, and lists what was left out', async () => {
    const dir = await folder();
    const { studio } = await open(dir);
    const json = await readFile(path.resolve(import.meta.dirname, '../../../test/fixtures/obs/show.json'), 'utf8');
    const untitledTransition = studio.document().transition;
    const r = await must<{ sceneCollectionName: string; skipped: { name: string; reason: string }[] }>(studio, 'collection.importObs', { json });
    expect(r.sceneCollectionName).toBe('Evening Show');
    expect(r.skipped.map((s) => s.name)).toEqual(expect.arrayContaining(['Visualizer', 'Glitch shader']));
    // The nested scene and the group come over as they are (a group is a scene with isGroup).
    expect(r.skipped.map((s) => s.name)).not.toContain('Lower third group');
    expect(studio.document().scenes.map((s) => [s.name, s.isGroup === true])).toEqual([['Main', false], ['Be right back', false], ['Lower third group', true]]);
    // The scene's hotkey (F1 → switch to Main) is bound in the loaded profile, to the new scene.
    const main = studio.document().scenes[0]!;
    expect(studio.document().hotkeys).toContainEqual({ name: 'OBSBasic.SelectScene', contextUuid: main.uuid, keys: [expect.objectContaining({ key: 'OBS_KEY_F1' })] });
    expect(studio.document().transition).toMatchObject({ kind: 'fade_transition', durationMs: 300 });
    // OBS's other transition keeps its settings, under its kind, for a switch to it.
    expect(studio.document().transition?.otherSettings?.['obs_stinger_transition']).toMatchObject({ path: '/home/ada/Videos/stinger.webm', transition_point: 500 });
    // The transition belongs to the collection: switching back brings back the other's (none: a cut).
    await must(studio, 'collection.switch', { name: 'Untitled' });
    expect(studio.document().transition).toEqual(untitledTransition);
    // A second import of the same file gets a unique name.
    const again = await must<{ sceneCollectionName: string }>(studio, 'collection.importObs', { json });
    expect(again.sceneCollectionName).toBe('Evening Show 2');
    expect(await must(studio, 'collection.list')).toEqual({ current: 'Evening Show 2', names: ['Untitled', 'Evening Show', 'Evening Show 2'] });
  });
});

describe('profiles', () => {
  it('switch settings and destinations; keys follow their destinations and stay out of every plain file', async () => {
    const dir = await folder();
    const { studio } = await open(dir);
    const KEY = 'key-4c1d-only-in-the-secret-store';
    await must(studio, 'destination.upsert', { name: 'Main', server: 'rtmp://127.0.0.1/live', key: KEY });
    await must(studio, 'output.setEncoder', { bitrateKbps: 4500 });
    await must(studio, 'profile.duplicate', { name: 'Untitled', newName: 'Backup' });
    const copy = studio.document().destinations[0]!;
    expect(copy).toMatchObject({ name: 'Main', hasKey: true });
    expect(studio.document().output.encoder.bitrateKbps).toBe(4500);

    await must(studio, 'profile.create', { name: 'Empty' });
    expect(studio.document().destinations).toEqual([]);
    expect(studio.document().output.encoder.bitrateKbps).toBe(2500);
    await must(studio, 'profile.switch', { name: 'Untitled' });
    const original = studio.document().destinations[0]!;
    expect(original).toMatchObject({ name: 'Main', hasKey: true });
    expect(original.id).not.toBe(copy.id);

    // The profile file, exported or on disk, never carries the key.
    const { json } = await must<{ json: string }>(studio, 'profile.export', { name: 'Untitled' });
    expect(json).not.toContain(KEY);
    expect(await must(studio, 'profile.import', { json, name: 'Imported' })).toEqual({ name: 'Imported' });
    await must(studio, 'profile.switch', { name: 'Imported' });
    // An imported profile's destinations have no key: the file could not bring one.
    expect(studio.document().destinations[0]).toMatchObject({ name: 'Main', hasKey: false });

    // An OBS service.json adds a destination; its key goes to the secret store only.
    const service = await readFile(path.resolve(import.meta.dirname, '../../../test/fixtures/obs/service-custom.json'), 'utf8');
    await must(studio, 'profile.importObsService', { json: service });
    expect(studio.document().destinations.at(-1)).toMatchObject({ name: 'Custom', server: 'rtmp://127.0.0.1:1935/live', hasKey: true });

    // Removing a profile deletes its keys with it; the copy keeps its own.
    await must(studio, 'profile.remove', { name: 'Untitled' });
    await studio.dispose();
    for (const f of await files(dir)) {
      const text = await readFile(path.join(dir, f), 'utf8');
      if (f === 'secrets.json') {
        expect(text.split(KEY).length - 1, 'one copy: the Backup profile\'s').toBe(1);
        expect(text).toContain('live_fixture_key_5f2b');
      } else {
        expect(text, f).not.toContain(KEY);
        expect(text, f).not.toContain('live_fixture_key_5f2b');
      }
    }
  });
});

describe('a damaged collection file', () => {
  it('is moved aside at the switch, a blank collection stands in, and the user is told', async () => {
    const dir = await folder();
    const { studio, events } = await open(dir);
    await must(studio, 'collection.create', { name: 'Second' });
    await must(studio, 'collection.switch', { name: 'Untitled' });
    const layout = JSON.parse(await readFile(path.join(dir, 'library.json'), 'utf8')) as { collections: { name: string; file: string }[] };
    const file = layout.collections.find((c) => c.name === 'Second')!.file;
    await writeFile(path.join(dir, file), '{ not json');
    events.length = 0;
    await must(studio, 'collection.switch', { name: 'Second' });
    expect(studio.document().scenes.map((s) => s.name)).toEqual(['Scene']);
    const notice = events.find((e) => e.type === 'notice');
    expect(notice?.data).toMatchObject({ level: 'error', message: expect.stringMatching(/could not be loaded because it is not valid JSON\. It was moved to .*\.corrupt-/) });
    expect((await files(dir)).filter((f) => f.startsWith('collections/') && f.includes('.corrupt-'))).toHaveLength(1);
  });
});

describe('a damaged library.json', () => {
  it('is moved aside and every collection file found is listed again', async () => {
    const dir = await folder();
    const first = await open(dir);
    await must(first.studio, 'collection.create', { name: 'Second' });
    await must(first.studio, 'scene.create', { name: 'Kept' });
    await first.studio.dispose();
    await writeFile(path.join(dir, 'library.json'), '{ broken');
    await mkdir(path.join(dir, 'collections'), { recursive: true });
    const { studio } = await open(dir);
    expect(await must(studio, 'collection.list')).toEqual({ current: 'Untitled', names: ['Untitled', 'Recovered 1'] });
    await must(studio, 'collection.switch', { name: 'Recovered 1' });
    expect(studio.document().scenes.map((s) => s.name)).toEqual(['Scene', 'Kept']);
    expect((await files(dir)).some((f) => /^library\.corrupt-.+\.json$/.test(f))).toBe(true);
  });
});
