import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KindRegistry } from '../kinds/registry';
import { importObsCollection } from './obs-collection';
import { parseObsService } from './obs-service';
import { itemTransform } from './obs-transform';
import { obsItemSchema } from './obs-schema';

const fixture = (name: string): string => readFileSync(path.resolve(import.meta.dirname, '../../../test/fixtures/obs', name), 'utf8');
const kinds = new KindRegistry();
const run = async (text: string, imageSize?: (file: string) => Promise<{ width: number; height: number } | undefined>) => {
  let n = 0;
  const r = await importObsCollection(text, { kinds, newId: () => `id-${++n}`, canvas: { width: 1280, height: 720 }, ...(imageSize && { imageSize }) });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const show = await run(fixture('show.json'));

describe('importObsCollection: a collection written the way OBS 30 writes it', () => {
  const result = show;
  const { collection, skipped } = result;
  const input = (name: string) => collection.inputs.find((i) => i.name === name);
  const scene = (name: string) => collection.scenes.find((s) => s.name === name)!;
  const itemOf = (sceneName: string, inputName: string) => scene(sceneName).items.filter((i) => i.sourceUuid === input(inputName)?.uuid);
  const reasons = (name: string) => skipped.filter((s) => s.name === name).map((s) => s.reason);

  it('keeps the name, the scene order and the program scene', () => {
    expect(result.name).toBe('Evening Show');
    expect(collection.scenes.filter((s) => !s.isGroup).map((s) => s.name)).toEqual(['Main', 'Be right back']);
    expect(collection.currentSceneUuid).toBe(scene('Main').uuid);
    expect(collection.previewSceneUuid).toBe(scene('Main').uuid);
  });

  it('maps kinds by versioned_id (color_source → color_source_v3, text_ft2_source → its v2) with settings and defaults', () => {
    expect(input('Backdrop')).toMatchObject({ kind: 'color_source_v3', settings: { color: 4281545523, width: 1920, height: 1080 } });
    expect(input('Name')?.kind).toBe('text_ft2_source_v2');
    // What OBS left at its defaults comes from the studio kind's defaults; what it saved wins.
    expect(input('Name')?.settings).toMatchObject({ text: 'Ada Lovelace', font: { face: 'DejaVu Sans', size: 48, style: 'Bold', flags: 1 }, outline: false });
    expect(input('Logo')).toMatchObject({ kind: 'image_source', settings: { file: '/home/ada/Pictures/logo.png' } });
    expect(input('Intro clip')).toMatchObject({ kind: 'ffmpeg_source', settings: { local_file: '/home/ada/Videos/intro.mp4', looping: true }, volumeMul: 2 });
  });

  it('resolves platform ids through the kind registry, or reports the source when no kind answers to them', () => {
    for (const [name, obsKind] of [
      ['Camera', 'v4l2_input'],
      ['Mic', 'pulse_input_capture'],
    ] as const) {
      const kind = kinds.resolve(obsKind);
      if (kind) expect(input(name)?.kind).toBe(kind);
      else expect(reasons(name).join(' ')).toContain(`"${obsKind}"`);
    }
  });

  it('keeps volume as a multiplier, mute, balance, sync offset (ns → ms), monitoring and tracks', () => {
    const mic = input('Mic');
    if (!kinds.resolve('pulse_input_capture')) return expect(mic).toBeUndefined();
    expect(mic).toMatchObject({ muted: true, volumeMul: 0.5011872336272722, balance: 0.25, syncOffsetMs: 120, monitorType: 'monitorOnly' });
    expect(mic?.audioTracks).toEqual([true, false, true, false, false, false]);
  });

  it('reports an unknown plugin source by name and leaves out its items', () => {
    expect(input('Visualizer')).toBeUndefined();
    expect(reasons('Visualizer')).toEqual([expect.stringContaining('"spectralizer_source"')]);
    // Backdrop, Logo, the group, the nested scene, Intro clip, and Camera and Mic where their kinds exist.
    const expected = 5 + (kinds.resolve('v4l2_input') ? 1 : 0) + (kinds.resolve('pulse_input_capture') ? 1 : 0);
    expect(scene('Main').items).toHaveLength(expected);
    const sources = [...collection.inputs, ...collection.scenes];
    expect(scene('Main').items.every((i) => sources.some((x) => x.uuid === i.sourceUuid))).toBe(true);
  });

  it('brings filters with their settings (by versioned_id) and reports unknown filter kinds', () => {
    const camera = input('Camera');
    if (camera) {
      expect(camera.filters).toEqual([
        { name: 'Warmer', kind: 'color_filter_v2', enabled: true, settings: expect.objectContaining({ brightness: 0.05, saturation: 0.2, hue_shift: 4, gamma: 0 }) },
      ]);
    }
    expect(reasons('Glitch shader')).toEqual([expect.stringMatching(/filter on "Camera".*"obs_shaderfilter"/)]);
    expect(input('Name')?.filters).toEqual([
      { name: 'Chroma Key', kind: 'chroma_key_filter_v2', enabled: true, settings: expect.objectContaining({ similarity: 420, smoothness: 60 }) },
    ]);
    // Scenes are sources too: their filters come along.
    expect(scene('Main').filters).toEqual([{ name: 'Sharpen', kind: 'sharpness_filter_v2', enabled: true, settings: expect.objectContaining({ sharpness: 0.2 }) }]);
  });

  it('keeps position, alignment, scale, rotation, crop, visibility, locks and item ids', () => {
    const logo = itemOf('Main', 'Logo')[0]!;
    expect(logo).toMatchObject({ sceneItemId: 4, enabled: false, locked: false });
    expect(logo.transform).toMatchObject({ positionX: 1180, positionY: 60, alignment: 0, rotation: 15, scaleX: 0.25, scaleY: 0.25 });
    const cam = itemOf('Main', 'Camera')[0];
    if (cam) expect(cam.transform).toMatchObject({ positionX: 1240, positionY: 700, alignment: 10, cropLeft: 40, cropRight: 40, cropBottom: 12, cropTop: 0 });
    const clip = itemOf('Main', 'Intro clip')[0]!;
    expect(clip).toMatchObject({ sceneItemId: 9, enabled: false });
  });

  it('turns a bounding box into the scale that draws it the same when the size is known', () => {
    // 1920×1080 colour in a 1280×720 "scale inner" box: scale 2/3, still at the top-left.
    const backdrop = itemOf('Main', 'Backdrop')[0]!;
    expect(backdrop.locked).toBe(true);
    expect(backdrop.transform.scaleX).toBeCloseTo(2 / 3, 6);
    expect(backdrop.transform.scaleY).toBeCloseTo(2 / 3, 6);
    expect(backdrop.transform).toMatchObject({ positionX: 0, positionY: 0, alignment: 5 });
  });

  it("keeps a group (OBS's group source with its items) as a group, its items relative to the group's item", () => {
    const group = scene('Lower third group');
    expect(group.isGroup).toBe(true);
    const groupItem = scene('Main').items.find((i) => i.sourceUuid === group.uuid)!;
    expect(groupItem).toMatchObject({ sceneItemId: 5, enabled: true, locked: false });
    expect(groupItem.transform).toMatchObject({ positionX: 100, positionY: 560, alignment: 5, scaleX: 1 });
    const [bar, name] = group.items;
    expect(bar).toMatchObject({ sceneItemId: 1, sourceUuid: input('Bar')!.uuid });
    expect(bar!.transform).toMatchObject({ positionX: 0, positionY: 0, scaleX: 1 });
    expect(name).toMatchObject({ sceneItemId: 2, sourceUuid: input('Name')!.uuid, enabled: false, locked: true });
    expect(name!.transform).toMatchObject({ positionX: 20, positionY: 30, scaleX: 0.5, scaleY: 0.5 });
    expect(group.nextItemId).toBe(3);
    expect(scene('Main').nextItemId).toBe(10);
    expect(reasons('Lower third group')).toEqual([]);
  });

  it('keeps a nested scene as an item showing the imported scene, and reports transitions and hotkeys by name', () => {
    const nested = scene('Main').items.find((i) => i.sourceUuid === scene('Be right back').uuid)!;
    expect(nested).toMatchObject({ sceneItemId: 7, enabled: true });
    expect(nested.transform).toMatchObject({ positionX: 960, positionY: 0, scaleX: 0.25, scaleY: 0.25 });
    expect(reasons('Be right back')).toEqual([]);
    expect(scene('Be right back').items).toHaveLength(1);
    expect(reasons('Stinger')).toEqual([]);
    expect(reasons('Hotkeys')).toEqual([]);
  });

  it("brings the current transition (OBS's built-in Fade, found by name) with its duration, and the Stinger's own settings", () => {
    expect(collection.transition).toEqual({
      kind: 'fade_transition',
      durationMs: 300,
      settings: expect.any(Object),
      otherSettings: { obs_stinger_transition: expect.objectContaining({ path: '/home/ada/Videos/stinger.webm', transition_point: 500, tp_type: 0 }) },
    });
  });

  it('brings source hotkeys the studio has actions for, under the new uuids', () => {
    expect(result.hotkeys).toContainEqual({ name: 'OBSBasic.SelectScene', contextUuid: scene('Main').uuid, keys: [{ key: 'OBS_KEY_F1', shift: false, control: false, alt: false, command: false }] });
    const mic = input('Mic');
    if (mic) expect(result.hotkeys).toContainEqual({ name: 'libobs.mute', contextUuid: mic.uuid, keys: [{ key: 'OBS_KEY_M', shift: false, control: true, alt: false, command: false }] });
    // Empty bindings are no bindings; nothing else in the file is bound.
    expect(result.hotkeys).toContainEqual({ name: 'libobs.show_scene_item.4', contextUuid: scene('Main').uuid, keys: [{ key: 'OBS_KEY_L', shift: false, control: false, alt: true, command: false }] });
    expect(result.hotkeys).toHaveLength(mic ? 3 : 2);
    // The Visualizer's item was left out, so its show hotkey has nothing to show.
    expect(reasons('Main: libobs.show_scene_item.8')).toEqual(['hotkey for a scene item that was not imported']);
  });
});

describe('importObsCollection: older files and bad input', () => {
  it('finds items by source name when the file has no source_uuid (OBS 29), and stretches to a bounding box', async () => {
    const { collection, skipped } = await run(fixture('items-by-name.json'));
    expect(skipped).toEqual([]);
    expect(collection.transition).toMatchObject({ kind: 'fade_transition', durationMs: 300 });
    const [first, second] = collection.scenes;
    expect(collection.currentSceneUuid).toBe(second!.uuid);
    expect(collection.previewSceneUuid).toBe(first!.uuid);
    // A colour source without a size is the canvas (1280×720): stretched into 640×360 is half.
    expect(first!.items[0]!.transform).toMatchObject({ positionX: 10, positionY: 20, scaleX: 0.5, scaleY: 0.5 });
    expect(collection.inputs[0]).toMatchObject({ kind: 'color_source_v3', settings: { color: 4294901760, width: 0, height: 0 } });
  });

  it("keeps each listed transition's settings under its kind, and reports a second of a kind or one the studio lacks", async () => {
    const file = JSON.parse(fixture('show.json')) as Record<string, unknown>;
    file['current_transition'] = 'Sideways';
    file['transitions'] = [
      { id: 'slide_transition', name: 'Sideways', settings: { direction: 'up' } },
      { id: 'slide_transition', name: 'Slide 2', settings: { direction: 'down' } },
      { id: 'fade_to_color_transition', name: 'To black', settings: { color: 4278190080, switch_point: 30 } },
      { id: 'luma_wipe_transition', name: 'Wipe', settings: { luma_softness: 7 } },
      { id: 'move_transition', name: 'Move', settings: {} },
    ];
    const { collection, skipped } = await run(JSON.stringify(file));
    expect(collection.transition).toEqual({
      kind: 'slide_transition',
      durationMs: 300,
      settings: { direction: 'up' },
      otherSettings: {
        fade_to_color_transition: { color: 4278190080, switch_point: 30 },
        luma_wipe_transition: { luma_image: 'linear-h.png', luma_invert: false, luma_softness: 0.03 },
      },
    });
    const reasons = (name: string) => skipped.filter((x) => x.name === name).map((x) => x.reason);
    expect(reasons('Slide 2')).toEqual([expect.stringMatching(/one transition per kind, and "Sideways" is its Slide/)]);
    expect(reasons('Move')).toEqual([expect.stringMatching(/move_transition.*no transition of this kind/)]);
    expect(reasons('Wipe')).toEqual([expect.stringMatching(/luma_softness.*the default is used/)]);
  });

  it('refuses what is not an OBS collection with a specific reason', async () => {
    const bad = (text: string) => importObsCollection(text, { kinds, newId: () => 'x', canvas: { width: 1280, height: 720 } });
    expect(await bad('{ nope')).toMatchObject({ ok: false, error: { message: expect.stringContaining('not valid JSON') } });
    expect(await bad('{"sources": 3}')).toMatchObject({ ok: false, error: { message: expect.stringContaining('sources') } });
    expect(await bad('{"sources": []}')).toMatchObject({ ok: false, error: { message: expect.stringContaining('no scenes') } });
  });

  it('bakes a centred group item into its items, and leaves out a nested scene that would loop', async () => {
    type Item = Record<string, unknown>;
    const file = JSON.parse(fixture('show.json')) as { sources: { name: string; settings: { items?: Item[] } }[]; groups: { name: string; settings: { items?: Item[] } }[] };
    const main = file.sources.find((s) => s.name === 'Main')!.settings.items!;
    // The group's item aligned at its centre, moved by (10, 5): the studio's group is canvas-sized,
    // so its transform goes into its items and the group's item stays at the origin.
    Object.assign(main.find((i) => i['name'] === 'Lower third group')!, { align: 0, pos: { x: 110, y: 565 } });
    // Be right back showing Main, which shows Be right back: a loop.
    file.sources.find((s) => s.name === 'Be right back')!.settings.items!.push({ ...main.find((i) => i['name'] === 'Be right back')!, name: 'Main', id: 2, source_uuid: undefined });
    const r = await run(JSON.stringify(file));
    const group = r.collection.scenes.find((s) => s.name === 'Lower third group')!;
    const groupItem = r.collection.scenes[0]!.items.find((i) => i.sourceUuid === group.uuid)!;
    expect(groupItem.transform).toMatchObject({ positionX: 0, positionY: 0, alignment: 5, scaleX: 1 });
    expect(group.items[1]!.transform).toMatchObject({ positionX: 130, positionY: 595, scaleX: 0.5 });
    const brb = r.collection.scenes.find((s) => s.name === 'Be right back')!;
    expect(brb.items).toHaveLength(1);
    expect(r.skipped).toContainEqual({ name: 'Main', reason: expect.stringContaining('would show itself') });
  });

  it("sizes an image's bounding box from the file's own size", async () => {
    // The same collection with the Logo given a 640×360 "scale inner" box (OBS's Fit to screen makes these).
    const file = JSON.parse(fixture('show.json')) as { sources: { name: string; settings: { items?: Record<string, unknown>[] } }[] };
    const logo = file.sources.find((s) => s.name === 'Main')!.settings.items!.find((i) => i['name'] === 'Logo')!;
    Object.assign(logo, { bounds_type: 2, bounds: { x: 640, y: 360 }, bounds_align: 0, align: 5, rot: 0, pos: { x: 0, y: 0 } });
    const asked: string[] = [];
    const r = await run(JSON.stringify(file), async (f) => (asked.push(f), { width: 320, height: 320 }));
    expect(asked).toEqual(['/home/ada/Pictures/logo.png']);
    const input = r.collection.inputs.find((i) => i.name === 'Logo')!;
    const item = r.collection.scenes[0]!.items.find((i) => i.sourceUuid === input.uuid)!;
    // 320×320 fits a 640×360 box at 1.125, centred: (640 − 360) / 2 = 140 from the left.
    expect(item.transform).toMatchObject({ scaleX: 1.125, scaleY: 1.125, positionX: 140, positionY: 0 });
    expect(r.skipped.filter((s) => s.name === 'Logo')).toEqual([]);
    // Without the file, the item keeps its scale and the report says so.
    const unknown = await run(JSON.stringify(file), async () => undefined);
    expect(unknown.skipped.filter((s) => s.name === 'Logo')).toEqual([{ name: 'Logo', reason: expect.stringContaining('bounding box (scale inner, 640×360)') }]);
  });

  it('keeps an item with a bounding box it cannot size, and says so', () => {
    const item = obsItemSchema.parse({ name: 'Cam', bounds_type: 2, bounds: { x: 640, y: 360 }, scale: { x: 0.3, y: 0.3 } });
    const placed = itemTransform(item);
    expect(placed.transform).toMatchObject({ scaleX: 0.3, scaleY: 0.3 });
    expect(placed.lost).toMatch(/bounding box \(scale inner, 640×360\)/);
  });

  it('centres inside a box by bounds_align, also when rotated', () => {
    // 100×50 source in a 200×200 "scale inner" box, centred (bounds_align 0), box top-left at (0,0).
    const item = obsItemSchema.parse({ name: 'C', bounds_type: 2, bounds_align: 0, bounds: { x: 200, y: 200 } });
    expect(itemTransform(item, { width: 100, height: 50 }).transform).toMatchObject({ scaleX: 2, scaleY: 2, positionX: 0, positionY: 50 });
    const turned = itemTransform({ ...item, rot: 90 }, { width: 100, height: 50 }).transform;
    expect(turned.positionX).toBeCloseTo(-50, 6);
    expect(turned.positionY).toBeCloseTo(0, 6);
  });
});

describe('parseObsService', () => {
  it('reads rtmp_custom and rtmp_common (a platform with server "auto")', () => {
    expect(parseObsService(fixture('service-custom.json'))).toEqual({ ok: true, value: { name: 'Custom', server: 'rtmp://127.0.0.1:1935/live', key: 'live_fixture_key_5f2b' } });
    expect(parseObsService(fixture('service-common.json'))).toEqual({ ok: true, value: { name: 'Twitch', server: 'rtmp://live.twitch.tv/app', key: 'live_common_key_77aa' } });
  });

  it('refuses other services without echoing the key', () => {
    const r = parseObsService(JSON.stringify({ type: 'whip_custom', settings: { server: 'https://x', key: 'sekrit-123' } }));
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r)).not.toContain('sekrit-123');
  });
});
