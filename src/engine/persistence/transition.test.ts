/**
 * The saved transition as a collection loads: files from before each kind kept its own settings,
 * per-kind settings checked like any saved settings, and nothing saved lost to a bad value.
 */
import { describe, expect, it } from 'vitest';
import { blankDocument } from '../document/defaults';
import { KindRegistry } from '../kinds/registry';
import { collectionJson } from './files';
import { parseCollection, type LoadNotice } from './load';

/** A saved collection whose transition is `transition`, as its file holds it, parsed. */
function loadWith(transition: unknown) {
  let n = 0;
  const file = JSON.parse(collectionJson(blankDocument(() => `id-${++n}`))) as Record<string, unknown>;
  file['transition'] = transition;
  const notices: LoadNotice[] = [];
  const loaded = parseCollection(JSON.stringify(file), new KindRegistry(), notices);
  if (typeof loaded === 'string') throw new Error(loaded);
  return { transition: loaded.transition, notices };
}

describe('loading the saved transition', () => {
  it('loads a file from before per-kind settings with the current kind keeping its own', () => {
    const { transition, notices } = loadWith({ kind: 'slide_transition', durationMs: 500, settings: { direction: 'up' } });
    expect(transition).toEqual({ kind: 'slide_transition', durationMs: 500, settings: { direction: 'up' } });
    expect(notices).toEqual([]);
  });

  it("keeps each kind's settings, putting an invalid value back to its default and saying which", () => {
    const { transition, notices } = loadWith({
      kind: 'fade_transition',
      durationMs: 500,
      settings: {},
      otherSettings: {
        slide_transition: { direction: 'sideways' },
        fade_to_color_transition: { color: 0xff336699, switch_point: 30 },
        obs_stinger_transition: 'not settings',
        // A newer build's kind: kept for it as it is.
        move_transition: { easing: 3 },
        // The current kind's own are `settings`.
        fade_transition: { stale: true },
      },
    });
    expect(transition).toEqual({
      kind: 'fade_transition',
      durationMs: 500,
      settings: {},
      otherSettings: {
        slide_transition: { direction: 'left' },
        fade_to_color_transition: { color: 0xff336699, switch_point: 30 },
        obs_stinger_transition: {},
        move_transition: { easing: 3 },
      },
    });
    expect(notices).toEqual([{ level: 'warning', message: 'The Slide transition had invalid values for direction; the defaults are used for them.' }]);
  });

  it('loads the rest of the collection when the map of other settings is not one', () => {
    const { transition } = loadWith({ kind: 'slide_transition', durationMs: 500, settings: { direction: 'up' }, otherSettings: [1, 2] });
    expect(transition).toEqual({ kind: 'slide_transition', durationMs: 500, settings: { direction: 'up' } });
  });

  it("switches with a cut when the current kind is not in this build, keeping its settings and duration", () => {
    const { transition, notices } = loadWith({
      kind: 'move_transition',
      durationMs: 800,
      settings: { easing: 2 },
      otherSettings: { slide_transition: { direction: 'down' } },
    });
    expect(transition).toEqual({
      kind: 'cut_transition',
      durationMs: 800,
      settings: {},
      otherSettings: { slide_transition: { direction: 'down' }, move_transition: { easing: 2 } },
    });
    expect(notices).toEqual([expect.objectContaining({ level: 'warning', message: expect.stringMatching(/"move_transition" is not available.*cut.*kept/) })]);
  });
});
