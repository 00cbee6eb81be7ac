import { describe, expect, it } from 'vitest';
import { FILTER_KINDS, INPUT_KINDS, Status, TRANSITION_KINDS, type KindDescriptor, type Result, type Settings } from '../../shared';
import { KindRegistry } from './registry';

const LIST_KIND: KindDescriptor = {
  id: 'test_list',
  category: 'filter',
  displayName: 'List test',
  video: true,
  audio: false,
  defaults: { mode: 'a', gain: 0.5 },
  properties: [
    { type: 'list', name: 'mode', label: 'Mode', options: [{ label: 'A', value: 'a' }, { label: 'Two', value: 2 }] },
    { type: 'float', name: 'gain', label: 'Gain', min: 0, max: 1 },
  ],
};

function error(r: Result<unknown>) {
  if (r.ok) throw new Error(`expected an error, got ${JSON.stringify(r.value)}`);
  return r.error;
}

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('KindRegistry', () => {
  it('registers the input and filter kinds by default and lists by category', () => {
    const reg = new KindRegistry();
    expect(reg.list('input').map((k) => k.id)).toEqual(INPUT_KINDS.map((k) => k.id));
    expect(reg.list('filter').map((k) => k.id)).toEqual(FILTER_KINDS.map((k) => k.id));
    expect(reg.get('color_source_v3')?.displayName).toBe('Color');
    expect(reg.get('color_filter_v2')?.category).toBe('filter');
    expect(reg.get('nope')).toBeUndefined();
    reg.register(LIST_KIND);
    expect(reg.list('filter').map((k) => k.id)).toEqual([...FILTER_KINDS.map((k) => k.id), 'test_list']);
    expect(reg.list()).toHaveLength(INPUT_KINDS.length + FILTER_KINDS.length + TRANSITION_KINDS.length + 1);
    expect(reg.list('transition').map((k) => k.id)).toEqual(TRANSITION_KINDS.map((k) => k.id));
    expect(() => reg.register(LIST_KIND)).toThrow(/already registered/);
  });

  it('merges defaults ← given and keeps unknown keys', () => {
    const reg = new KindRegistry();
    const s = value(reg.validateSettings('color_source_v3', { color: 0xff0000ff, custom_key: { a: 1 } }));
    expect(s).toEqual({ color: 0xff0000ff, width: 0, height: 0, custom_key: { a: 1 } });
  });

  it('overlays on existing settings: defaults ← existing ← given', () => {
    const reg = new KindRegistry();
    const existing: Settings = { color: 0xff00ff00, width: 100, height: 50, extra: true };
    const s = value(reg.validateSettings('color_source_v3', { width: 300 }, existing));
    expect(s).toEqual({ color: 0xff00ff00, width: 300, height: 50, extra: true });
    // Without overlay, existing values are gone and the defaults are back.
    expect(value(reg.validateSettings('color_source_v3', { width: 300 }))).toEqual({ color: 0xffd1d1d1, width: 300, height: 0 });
  });

  it('does not share default objects between results', () => {
    const reg = new KindRegistry();
    const a = value(reg.validateSettings('text_ft2_source_v2', {}));
    (a.font as { size: number }).size = 999;
    const b = value(reg.validateSettings('text_ft2_source_v2', {}));
    expect((b.font as { size: number }).size).toBe(64);
  });

  it('rejects an unknown kind and non-object settings', () => {
    const reg = new KindRegistry();
    expect(error(reg.validateSettings('nope', {}))).toMatchObject({ code: Status.InvalidInputKind, field: 'kind' });
    for (const bad of [null, [], 'x', 5]) {
      expect(error(reg.validateSettings('image_source', bad))).toMatchObject({
        code: Status.InvalidRequestFieldType,
        field: 'settings',
      });
    }
  });

  it.each([
    ['int not a number', 'color_source_v3', { width: '10' }, Status.InvalidRequestFieldType, 'settings.width'],
    ['int fraction', 'color_source_v3', { width: 10.5 }, Status.InvalidRequestFieldType, 'settings.width'],
    ['int below min', 'color_source_v3', { width: -1 }, Status.OutOfRange, 'settings.width'],
    ['int above max', 'color_source_v3', { height: 8193 }, Status.OutOfRange, 'settings.height'],
    ['int NaN', 'color_source_v3', { height: Number.NaN }, Status.InvalidRequestFieldType, 'settings.height'],
    ['bool', 'image_source', { unload: 'yes' }, Status.InvalidRequestFieldType, 'settings.unload'],
    ['path', 'image_source', { file: 42 }, Status.InvalidRequestFieldType, 'settings.file'],
    ['text type', 'text_ft2_source_v2', { text: 1 }, Status.InvalidRequestFieldType, 'settings.text'],
    ['text too long', 'text_ft2_source_v2', { text: 'x'.repeat(10001) }, Status.OutOfRange, 'settings.text'],
    ['color fraction', 'color_source_v3', { color: 1.5 }, Status.InvalidRequestFieldType, 'settings.color'],
    ['color negative', 'color_source_v3', { color: -1 }, Status.OutOfRange, 'settings.color'],
    ['color too big', 'color_source_v3', { color: 0x100000000 }, Status.OutOfRange, 'settings.color'],
    ['color string', 'color_source_v3', { color: '#fff' }, Status.InvalidRequestFieldType, 'settings.color'],
    ['font not object', 'text_ft2_source_v2', { font: 'Arial' }, Status.InvalidRequestFieldType, 'settings.font'],
    ['font face', 'text_ft2_source_v2', { font: { face: 3 } }, Status.InvalidRequestFieldType, 'settings.font.face'],
    ['font style', 'text_ft2_source_v2', { font: { style: null } }, Status.InvalidRequestFieldType, 'settings.font.style'],
    ['font size 0', 'text_ft2_source_v2', { font: { size: 0 } }, Status.OutOfRange, 'settings.font.size'],
    ['font size big', 'text_ft2_source_v2', { font: { size: 1001 } }, Status.OutOfRange, 'settings.font.size'],
    ['font size fraction', 'text_ft2_source_v2', { font: { size: 12.5 } }, Status.OutOfRange, 'settings.font.size'],
    ['font flags', 'text_ft2_source_v2', { font: { flags: 1.5 } }, Status.OutOfRange, 'settings.font.flags'],
    ['outline size', 'text_ft2_source_v2', { outline_size: 0 }, Status.OutOfRange, 'settings.outline_size'],
  ])('rejects %s', (_name, kind, settings, code, field) => {
    const e = error(new KindRegistry().validateSettings(kind, settings));
    expect(e).toMatchObject({ code, field });
    expect(e.message).toMatch(/^[A-Z].*\.$/);
  });

  it('accepts boundary values of every property type', () => {
    const reg = new KindRegistry();
    expect(value(reg.validateSettings('color_source_v3', { color: 0, width: 8192, height: 0 }))).toMatchObject({
      color: 0,
      width: 8192,
    });
    expect(value(reg.validateSettings('color_source_v3', { color: 0xffffffff }))).toMatchObject({ color: 0xffffffff });
    expect(value(reg.validateSettings('image_source', { file: '/x.png', unload: true }))).toMatchObject({ file: '/x.png' });
  });

  it('merges a partial font over the current one', () => {
    const reg = new KindRegistry();
    const s = value(reg.validateSettings('text_ft2_source_v2', { font: { size: 1000, flags: 3 } }));
    expect(s.font).toEqual({ face: 'Sans Serif', size: 1000, style: 'Regular', flags: 3 });
    const again = value(reg.validateSettings('text_ft2_source_v2', { font: { face: 'Mono' } }, s));
    expect(again.font).toEqual({ face: 'Mono', size: 1000, style: 'Regular', flags: 3 });
  });

  it('checks list and float properties', () => {
    const reg = new KindRegistry([LIST_KIND]);
    expect(value(reg.validateSettings('test_list', { mode: 2, gain: 1 }))).toEqual({ mode: 2, gain: 1 });
    expect(error(reg.validateSettings('test_list', { mode: 'b' }))).toMatchObject({
      code: Status.InvalidRequestField,
      field: 'settings.mode',
      message: 'Mode must be one of "a", 2.',
    });
    expect(error(reg.validateSettings('test_list', { gain: 1.01 }))).toMatchObject({ code: Status.OutOfRange });
    expect(error(reg.validateSettings('test_list', { gain: Infinity }))).toMatchObject({
      code: Status.InvalidRequestFieldType,
    });
  });

  it('refuses a countdown time of day that does not parse, in any mode', () => {
    const reg = new KindRegistry();
    expect(value(reg.validateSettings('countdown_timer', { mode: 'time_of_day', target_time: '23:59:59' }))).toMatchObject({ target_time: '23:59:59' });
    for (const bad of ['25:00', '12:99', 'soon', '']) {
      expect(error(reg.validateSettings('countdown_timer', { mode: 'duration', target_time: bad }))).toMatchObject({
        code: Status.InvalidRequestField,
        field: 'settings.target_time',
        message: expect.stringContaining(`"${bad}" is not`),
      });
    }
  });

  it('sanitizes saved settings: invalid values back to defaults, the rest kept', () => {
    const reg = new KindRegistry();
    const r = reg.sanitizeSettings('color_source_v3', { color: 'red', width: 10, height: -5, other: 1 });
    expect(r.invalid).toEqual(['color', 'height']);
    expect(r.settings).toEqual({ color: 0xffd1d1d1, width: 10, height: 0, other: 1 });
    const unknown = { a: 1 };
    expect(reg.sanitizeSettings('plugin_missing', unknown)).toEqual({ settings: unknown, invalid: [] });
  });
});
