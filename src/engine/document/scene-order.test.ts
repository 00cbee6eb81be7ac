import { describe, expect, it } from 'vitest';
import type { Scene } from '../../shared';
import { changedOrder, reorderScenes } from './scene-order';

const scene = (uuid: string, isGroup = false): Scene => ({ uuid, name: uuid, items: [], nextItemId: 1, filters: [], ...(isGroup && { isGroup: true }) }) as Scene;
const uuids = (r: { ok: boolean; value?: Scene[] }) => (r.ok ? r.value!.map((s) => s.uuid) : null);

describe('reorderScenes', () => {
  const list = [scene('a'), scene('g', true), scene('b'), scene('c')];
  it('moves a scene among the plain scenes; groups keep their slots', () => {
    expect(uuids(reorderScenes(list, 'c', 0))).toEqual(['c', 'g', 'a', 'b']);
    expect(uuids(reorderScenes(list, 'a', 2))).toEqual(['b', 'g', 'c', 'a']);
  });
  it('answers the same array when nothing moves', () => {
    const r = reorderScenes(list, 'b', 1);
    expect(r.ok && r.value).toBe(list);
  });
  it('refuses an index past the end, naming the range, and an unknown scene', () => {
    const r = reorderScenes(list, 'a', 3);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('use 0 to 2');
    expect(reorderScenes(list, 'nope', 0).ok).toBe(false);
  });
});

describe('changedOrder', () => {
  it('names the new order only when the common scenes moved', () => {
    expect(changedOrder([scene('a'), scene('b')], [scene('b'), scene('a')])).toEqual(['b', 'a']);
    expect(changedOrder([scene('a'), scene('b')], [scene('a'), scene('b'), scene('c')])).toBeNull();
    expect(changedOrder([scene('a'), scene('b'), scene('c')], [scene('a'), scene('c')])).toBeNull();
  });
});
