import { access, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIXER_DEFAULTS, type StudioDocument } from '../../shared';
import { DocumentStore } from '../document/store';
import { KindRegistry } from '../kinds/registry';
import { collectionJson, profileJson, saveDocument } from './files';
import { loadDocument } from './load';
import { FileSecretStore } from './secrets';

const RESOURCES = path.resolve(import.meta.dirname, '../../../resources');
const NOW = Date.UTC(2026, 10, 25, 9, 8, 7, 6);
const STAMP = '2026-11-25T09-08-07-006Z';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});
async function tmp(): Promise<string> {
  const d = await mkdtemp(path.join(tmpdir(), 'bs-load-'));
  dirs.push(d);
  return d;
}

let ids = 0;
const load = (dataDir: string) =>
  loadDocument({ dataDir, resourcesDir: RESOURCES, newId: () => `id-${++ids}`, now: () => NOW });

/** A document with some of everything, built through real commands. */
async function richDocument(dataDir: string): Promise<StudioDocument> {
  let n = 0;
  const { document } = await load(dataDir);
  const store = new DocumentStore({
    initial: document,
    kinds: new KindRegistry(),
    secrets: new FileSecretStore(dataDir),
    emit: () => undefined,
    isLive: () => false,
    newId: () => `rich-${++n}`,
  });
  const must = async <T>(type: Parameters<DocumentStore['execute']>[0], args: unknown) => {
    const r = await store.execute(type, args);
    if (!r.ok) throw new Error(r.error.message);
    return r.value as T;
  };
  await must('video.set', { baseWidth: 1920, baseHeight: 1080, fpsNumerator: 60 });
  await must('output.setEncoder', { bitrateKbps: 6000, preset: 'superfast' });
  await must('output.setFfmpegPath', { ffmpegPath: '/opt/ffmpeg' });
  const { sceneUuid } = await must<{ sceneUuid: string }>('scene.create', { name: 'Second' });
  const { sceneItemId } = await must<{ sceneItemId: number }>('input.create', {
    sceneUuid,
    name: 'Red',
    kind: 'color_source_v3',
    settings: { color: 0xff0000ff, plugin_extra: { nested: [1, 2] } },
    transform: { positionX: 12.5, rotation: 30, cropLeft: 4, alignment: 10 },
  });
  await must('item.setEnabled', { sceneUuid, sceneItemId, enabled: false });
  await must('scene.setCurrent', { sceneUuid });
  await must('destination.upsert', { name: 'Main', server: 'rtmp://127.0.0.1:1935/live', key: 'sekrit-key' });
  await must('destination.upsert', { preset: 'youtube', key: 'yt-sekrit', audioOnly: true, rendition: { bitrateKbps: 1500, height: 480 } });
  return store.get();
}

describe('loadDocument: first launch', () => {
  it('builds the demo scene and default settings when no files exist', async () => {
    const d = await tmp();
    const { document, notices } = await load(path.join(d, 'not-created-yet'));
    expect(notices).toEqual([{ level: 'info', message: expect.stringMatching(/^Created a demo scene/) }]);
    expect(document.video).toEqual({
      baseWidth: 1280,
      baseHeight: 720,
      outputWidth: 1280,
      outputHeight: 720,
      fpsNumerator: 30,
      fpsDenominator: 1,
    });
    expect(document.output).toEqual({
      encoder: {
        encoder: 'auto',
        rateControl: 'CBR',
        bitrateKbps: 2500,
        keyframeIntervalSec: 2,
        preset: 'veryfast',
        profile: 'main',
        bFrames: 0,
        audioBitrateKbps: 160,
      },
      ffmpegPath: '',
      recording: { folder: '', format: 'mkv', filenamePattern: '%CCYY-%MM-%DD %hh-%mm-%ss', remuxToMp4: false, minFreeMb: 500, tracks: [1] },
      uplinkKbps: 0,
      templates: [],
      screenshots: { enabled: false, intervalSec: 10, folder: '', format: 'jpeg', maxWidth: 1280, keep: 360 },
    });
    expect(document.destinations).toEqual([]);
    expect(document.webhooks).toEqual([]);
    expect(document.hotkeys).toEqual([]);
    expect(document.revision).toBe(0);

    expect(document.scenes).toHaveLength(1);
    const scene = document.scenes[0]!;
    expect(scene.name).toBe('Demo');
    expect(document.currentSceneUuid).toBe(scene.uuid);
    expect(scene.items.map((i) => i.sceneItemId)).toEqual([1, 2, 3]);
    expect(scene.nextItemId).toBe(4);
    const byItem = scene.items.map((i) => ({ item: i, input: document.inputs.find((x) => x.uuid === i.sourceUuid)! }));
    expect(byItem.map((x) => x.input.kind)).toEqual(['studio_test_pattern', 'text_ft2_source_v2', 'image_source']);

    const [pattern, title, mark] = byItem;
    expect(pattern!.input.settings).toMatchObject({ width: 1280, height: 720 });
    expect(pattern!.item.transform).toMatchObject({ positionX: 0, positionY: 0, scaleX: 1, scaleY: 1, alignment: 5 });
    expect(title!.input.settings).toMatchObject({ text: 'Broadcast Studio', outline: true });
    expect(title!.item.transform.alignment).toBe(4);
    expect(mark!.input.settings.file).toBe(path.join(RESOURCES, 'demo', 'watermark.png'));
    await access(mark!.input.settings.file as string);
    const t = mark!.item.transform;
    expect(t.alignment).toBe(10);
    expect(t.positionX).toBeGreaterThan(1280 * 0.9);
    expect(t.positionX).toBeLessThanOrEqual(1280);
    expect(t.positionY).toBeGreaterThan(720 * 0.9);
    expect(t.positionY).toBeLessThanOrEqual(720);
    expect(t.scaleX * 200).toBeLessThan(1280 / 4);
    // Every demo setting passes the kind's own validation.
    const kinds = new KindRegistry();
    for (const i of document.inputs) expect(kinds.sanitizeSettings(i.kind, i.settings).invalid).toEqual([]);
  });

  it('sizes the demo to a saved canvas when only the profile exists', async () => {
    const d = await tmp();
    const base = (await load(d)).document;
    await writeFile(
      path.join(d, 'profile.json'),
      profileJson({ ...base, video: { ...base.video, baseWidth: 1920, baseHeight: 1080 } }),
    );
    const { document, notices } = await load(d);
    expect(notices.map((n) => n.level)).toEqual(['info']);
    expect(document.video.baseWidth).toBe(1920);
    expect(document.inputs[0]!.settings).toMatchObject({ width: 1920, height: 1080 });
  });

  it('ships a small PNG watermark', async () => {
    const png = await readFile(path.join(RESOURCES, 'demo', 'watermark.png'));
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.readUInt32BE(16)).toBe(200);
    expect(png.readUInt32BE(20)).toBe(60);
    expect(png.length).toBeLessThan(16 * 1024);
  });
});

describe('loadDocument: saved files', () => {
  it('round-trips save → load to an equal document (secrets stay out of the files)', async () => {
    const d = await tmp();
    const doc = await richDocument(d);
    await saveDocument(d, doc);
    const { document, notices } = await load(d);
    expect(notices).toEqual([]);
    expect(document).toEqual({ ...doc, revision: 0 });
    for (const f of ['collection.json', 'profile.json']) {
      expect(await readFile(path.join(d, f), 'utf8')).not.toContain('sekrit-key');
      expect(await readFile(path.join(d, f), 'utf8')).not.toContain('yt-sekrit');
    }
    expect(JSON.parse(await readFile(path.join(d, 'collection.json'), 'utf8')).version).toBe(1);
    expect(JSON.parse(await readFile(path.join(d, 'profile.json'), 'utf8')).version).toBe(1);
  });

  it.each([
    ['bad JSON', '{"version": 1, "scenes": [', /because it is not valid JSON/],
    ['a newer version', JSON.stringify({ version: 2, scenes: [] }), /saved by a newer version of the studio \(file version 2/],
    ['no version', JSON.stringify({ scenes: [] }), /no supported version number/],
    ['not an object', '[1,2]', /does not hold a JSON object/],
    ['an empty file', '', /not valid JSON/],
    ['a failed validation', 'SCALE0', /it is invalid: scenes\.0\.items\.0\.transform\.scaleX must not be zero/],
    ['no scenes', JSON.stringify({ version: 1, scenes: [], inputs: [], currentSceneUuid: 'x' }), /scenes must have at least 1 entry/],
    ['duplicate names', 'DUPNAME', /two scenes or inputs are both called "Second"/],
  ])('a collection with %s is moved aside with its bytes, defaults load and the user is told', async (_, content, reason) => {
    const d = await tmp();
    const doc = await richDocument(d);
    await saveDocument(d, doc);
    await saveDocument(d, doc); // so a .bak exists
    let bytes = content;
    if (content === 'SCALE0') {
      const c = JSON.parse(collectionJson(doc));
      c.scenes[1].items[0].transform.scaleX = 0;
      c.scenes = [c.scenes[1]];
      bytes = JSON.stringify(c);
    } else if (content === 'DUPNAME') {
      const c = JSON.parse(collectionJson(doc));
      c.inputs[0].name = 'Second';
      bytes = JSON.stringify(c);
    }
    await writeFile(path.join(d, 'collection.json'), bytes);

    const { document, notices } = await load(d);
    const moved = path.join(d, `collection.corrupt-${STAMP}.json`);
    expect(await readFile(moved, 'utf8')).toBe(bytes);
    expect((await readdir(d)).includes('collection.json')).toBe(false);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.level).toBe('error');
    expect(notices[0]!.message).toContain(path.join(d, 'collection.json'));
    expect(notices[0]!.message).toContain(moved);
    expect(notices[0]!.message).toMatch(reason);
    expect(notices[0]!.message).toMatch(/a blank scene collection was loaded instead/);
    // The previous good save is pointed out.
    expect(notices[0]!.message).toContain(`${path.join(d, 'collection.json')}.bak`);
    // Only the collection fell back; the profile part loaded as saved.
    expect(document.scenes.map((s) => s.name)).toEqual(['Scene']);
    expect(document.inputs).toEqual([]);
    expect(document.video).toEqual(doc.video);
    expect(document.destinations).toEqual(doc.destinations);
  });

  it('loads a profile saved before presets, audio-only and renditions with their defaults', async () => {
    const d = await tmp();
    const doc = await richDocument(d);
    await saveDocument(d, doc);
    const p = JSON.parse(profileJson(doc));
    // What the first release wrote: no preset, audioOnly or rendition.
    p.destinations = [{ id: 'old-1', name: 'Old', enabled: true, server: 'rtmp://127.0.0.1:1935/live', hasKey: true }];
    await writeFile(path.join(d, 'profile.json'), JSON.stringify(p));
    const { document, notices } = await load(d);
    expect(notices).toEqual([]);
    expect(document.destinations).toEqual([
      { id: 'old-1', name: 'Old', enabled: true, server: 'rtmp://127.0.0.1:1935/live', hasKey: true, preset: 'custom', audioOnly: false, audioTrack: 1, rendition: null, signing: null, audience: null },
    ]);
    // The new fields are saved from then on, and never a key.
    const saved = profileJson(doc);
    expect(JSON.parse(saved).destinations[1]).toMatchObject({ preset: 'youtube', audioOnly: true, rendition: { bitrateKbps: 1500, height: 480 } });
    expect(saved).not.toContain('yt-sekrit');
  });

  it('loads a profile saved before recording, the uplink, templates and webhooks with their defaults', async () => {
    const d = await tmp();
    const doc = await richDocument(d);
    await saveDocument(d, doc);
    const p = JSON.parse(profileJson(doc));
    p.output = { encoder: { ...p.output.encoder, encoder: 'libx264' }, ffmpegPath: '/opt/ffmpeg' };
    delete p.webhooks;
    await writeFile(path.join(d, 'profile.json'), JSON.stringify(p));
    const { document, notices } = await load(d);
    expect(notices).toEqual([]);
    expect(document.output.encoder.encoder).toBe('libx264');
    expect(document.output.ffmpegPath).toBe('/opt/ffmpeg');
    expect(document.output.recording).toMatchObject({ format: 'mkv', folder: '', minFreeMb: 500 });
    expect(document.output.uplinkKbps).toBe(0);
    expect(document.output.templates).toEqual([]);
    expect(document.webhooks).toEqual([]);
  });

  it('loads a collection saved before inputs had mute and volume, unmuted at full volume', async () => {
    const d = await tmp();
    const doc = await richDocument(d);
    await saveDocument(d, doc);
    const c = JSON.parse(collectionJson(doc));
    // What earlier releases wrote: no muted, no volumeMul.
    for (const i of c.inputs) {
      delete i.muted;
      delete i.volumeMul;
    }
    await writeFile(path.join(d, 'collection.json'), JSON.stringify(c));
    const { document, notices } = await load(d);
    expect(notices).toEqual([]);
    expect(document.inputs.length).toBeGreaterThan(0);
    for (const i of document.inputs) expect(i).toMatchObject({ muted: false, volumeMul: 1 });
    expect(document.inputs).toEqual(doc.inputs);
  });

  it('loads a collection saved before filters with none on every input and scene', async () => {
    const d = await tmp();
    const doc = await richDocument(d);
    await saveDocument(d, doc);
    const c = JSON.parse(collectionJson(doc));
    for (const s of [...c.inputs, ...c.scenes]) delete s.filters;
    await writeFile(path.join(d, 'collection.json'), JSON.stringify(c));
    const { document, notices } = await load(d);
    expect(notices).toEqual([]);
    for (const s of [...document.inputs, ...document.scenes]) expect(s.filters).toEqual([]);
  });

  it('keeps filters across save and load; repairs bad values and a name used twice, and says so', async () => {
    const d = await tmp();
    const doc = await richDocument(d);
    const blur = { name: 'Blur', kind: 'blur_filter', enabled: false, settings: { type: 'box', radius: 3, region: 'none', region_x: 0, region_y: 0, region_cx: 0, region_cy: 0 } };
    // A kind this build does not know is kept as saved, as OBS keeps filters of missing plugins.
    const alien = { name: 'Plugin', kind: 'some_plugin_filter', enabled: true, settings: { x: 1 } };
    const withFilters = {
      ...doc,
      inputs: doc.inputs.map((i, k) => (k === 0 ? { ...i, filters: [blur, alien] } : i)),
      scenes: doc.scenes.map((s, k) => (k === 0 ? { ...s, filters: [{ ...blur, enabled: true }] } : s)),
    };
    await saveDocument(d, withFilters);
    const first = await load(d);
    expect(first.notices).toEqual([]);
    expect(first.document.inputs[0]!.filters).toEqual([blur, alien]);
    expect(first.document.scenes[0]!.filters).toEqual([{ ...blur, enabled: true }]);

    const c = JSON.parse(collectionJson(withFilters));
    c.inputs[0].filters = [{ ...blur, settings: { ...blur.settings, radius: 'big' } }, { ...blur }];
    await writeFile(path.join(d, 'collection.json'), JSON.stringify(c));
    const { document, notices } = await load(d);
    const name = doc.inputs[0]!.name;
    expect(document.inputs[0]!.filters.map((f) => [f.name, f.settings['radius']])).toEqual([['Blur', 8], ['Blur 2', 3]]);
    expect(notices.map((n) => n.message)).toEqual([
      `Filter "Blur" on "${name}" had invalid values for radius; the defaults are used for them.`,
      `"${name}" had two filters called "Blur"; the second is now "Blur 2".`,
    ]);
  });

  it('keeps the mute and volume of a tone across save and load', async () => {
    const d = await tmp();
    const doc = await richDocument(d);
    const tone = { uuid: 'tone-1', name: 'Tone', kind: 'audio_test_tone', settings: { frequency: 1000 }, muted: true, volumeMul: 0.5, filters: [], ...MIXER_DEFAULTS };
    await saveDocument(d, { ...doc, inputs: [...doc.inputs, tone] });
    const { document, notices } = await load(d);
    expect(notices).toEqual([]);
    expect(document.inputs.find((i) => i.uuid === 'tone-1')).toEqual(tone);
  });

  it('loads a collection saved before studio mode with it off and the program scene on preview', async () => {
    const d = await tmp();
    const doc = await richDocument(d);
    await saveDocument(d, doc);
    const c = JSON.parse(collectionJson(doc));
    delete c.studioMode;
    delete c.previewSceneUuid;
    await writeFile(path.join(d, 'collection.json'), JSON.stringify(c));
    const { document, notices } = await load(d);
    expect(notices).toEqual([]);
    expect(document.studioMode).toBe(false);
    expect(document.previewSceneUuid).toBe(doc.currentSceneUuid);
  });

  it('keeps studio mode and the preview scene; a preview scene that is gone becomes the program scene', async () => {
    const d = await tmp();
    const doc = await richDocument(d);
    const preview = doc.scenes.find((s) => s.uuid !== doc.currentSceneUuid)!.uuid;
    await saveDocument(d, { ...doc, studioMode: true, previewSceneUuid: preview });
    expect((await load(d)).document).toMatchObject({ studioMode: true, previewSceneUuid: preview, currentSceneUuid: doc.currentSceneUuid });

    await saveDocument(d, { ...doc, studioMode: true, previewSceneUuid: 'gone' });
    const { document, notices } = await load(d);
    expect(notices).toEqual([]);
    expect(document).toMatchObject({ studioMode: true, previewSceneUuid: doc.currentSceneUuid });
  });

  it('a corrupt profile is moved aside; defaults stand in and the collection is kept', async () => {
    const d = await tmp();
    const doc = await richDocument(d);
    await saveDocument(d, doc);
    const p = JSON.parse(profileJson(doc));
    p.video.baseWidth = 1281;
    const bytes = JSON.stringify(p);
    await writeFile(path.join(d, 'profile.json'), bytes);

    const { document, notices } = await load(d);
    const moved = path.join(d, `profile.corrupt-${STAMP}.json`);
    expect(await readFile(moved, 'utf8')).toBe(bytes);
    expect(notices).toEqual([
      {
        level: 'error',
        message: expect.stringContaining(`It was moved to ${moved} and default settings were loaded instead`),
      },
    ]);
    expect(notices[0]!.message).toMatch(/video\.baseWidth must be a multiple of 4/);
    expect(document.video.baseWidth).toBe(1280);
    expect(document.destinations).toEqual([]);
    expect(document.scenes).toEqual(doc.scenes);
    expect(document.inputs).toEqual(doc.inputs);
  });

  it('moving aside twice in the same millisecond keeps both files', async () => {
    const d = await tmp();
    await writeFile(path.join(d, 'profile.json'), 'first bad');
    await load(d);
    await writeFile(path.join(d, 'profile.json'), 'second bad');
    const { notices } = await load(d);
    expect(notices[0]!.message).toContain(`profile.corrupt-${STAMP}-1.json`);
    expect(await readFile(path.join(d, `profile.corrupt-${STAMP}.json`), 'utf8')).toBe('first bad');
    expect(await readFile(path.join(d, `profile.corrupt-${STAMP}-1.json`), 'utf8')).toBe('second bad');
  });

  it('repairs dangling references and invalid setting values, and says so', async () => {
    const d = await tmp();
    const doc = await richDocument(d);
    const c = JSON.parse(collectionJson(doc));
    c.currentSceneUuid = 'gone';
    c.scenes[1].items.push({ ...c.scenes[1].items[0], sceneItemId: 7, sourceUuid: 'missing-input' });
    c.scenes[1].nextItemId = 2;
    c.inputs.find((i: { name: string }) => i.name === 'Red').settings.color = 'red';
    await writeFile(path.join(d, 'collection.json'), JSON.stringify(c));
    await writeFile(path.join(d, 'profile.json'), profileJson(doc));

    const { document, notices } = await load(d);
    expect(notices.map((n) => n.level)).toEqual(['warning', 'warning', 'warning']);
    expect(notices.map((n) => n.message).join('\n')).toMatch(/"Red" had invalid values for color/);
    expect(notices.map((n) => n.message).join('\n')).toMatch(/"Second" referred to 1 missing input/);
    expect(notices.map((n) => n.message).join('\n')).toMatch(/current scene no longer exists; "Demo" is shown/);
    expect(document.currentSceneUuid).toBe(document.scenes[0]!.uuid);
    const second = document.scenes[1]!;
    expect(second.items.map((i) => i.sceneItemId)).toEqual([1]);
    // The counter never falls behind an id that was in the file.
    expect(second.nextItemId).toBe(8);
    const red = document.inputs.find((i) => i.name === 'Red')!;
    expect(red.settings).toMatchObject({ color: 0xffd1d1d1, plugin_extra: { nested: [1, 2] } });
  });

  it('an unreadable file is reported and left where it is', async () => {
    const d = await tmp();
    await (await import('node:fs/promises')).mkdir(path.join(d, 'collection.json'));
    const { document, notices } = await load(d);
    expect(notices).toEqual([{ level: 'error', message: expect.stringMatching(/could not be read \(EISDIR\)/) }]);
    expect(document.scenes.map((s) => s.name)).toEqual(['Scene']);
    expect((await readdir(d)).sort()).toEqual(['collection.json']);
  });
});
