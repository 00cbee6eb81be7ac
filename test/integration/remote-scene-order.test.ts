/**
 * The Scenes list's order as obs-websocket clients see it: a scene moved in the studio (scene.setIndex,
 * what the Scenes dock's drag and Order menu send) is announced with SceneListChanged in the new
 * order, GetSceneList answers the same order (bottom-up, OBS's sceneIndex), and an undo puts the old
 * order back with another SceneListChanged. A bad index is refused with the range named.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventSubscription } from 'obs-websocket-js';
import { Status } from '../../src/shared';
import { startInProcessRemote, type InProcessRemote } from '../harness/in-process-remote';

let remote: InProcessRemote;

beforeAll(async () => {
  remote = await startInProcessRemote({ prefix: 'bs-remote-scene-order-', eventSubscriptions: EventSubscription.Scenes, listen: ['SceneListChanged'] });
});

afterAll(async () => {
  await remote?.close();
});

const names = (scenes: unknown[]) => (scenes as { sceneName: string; sceneIndex: number }[]).map((s) => `${s.sceneIndex}:${s.sceneName}`);

async function nextList(count: number): Promise<unknown[]> {
  const deadline = Date.now() + 5000;
  while (remote.heard.length < count) {
    if (Date.now() > deadline) throw new Error(`only ${remote.heard.length} of ${count} SceneListChanged events arrived`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return remote.heard[count - 1]!.data['scenes'] as unknown[];
}

describe('scene order over obs-websocket', () => {
  it('a move, its SceneListChanged, GetSceneList and an undo agree', async () => {
    const { studio, obs } = remote;
    const first = studio.document().scenes[0]!.name;
    const a = await studio.execute('scene.create', { name: 'A' });
    const b = await studio.execute('scene.create', { name: 'B' });
    expect(a.ok && b.ok).toBe(true);
    await nextList(2);
    // Top to bottom: first, A, B → obs-websocket lists it bottom-up.
    expect(names((await obs.call('GetSceneList')).scenes)).toEqual(['0:B', '1:A', `2:${first}`]);

    const moved = await studio.execute('scene.setIndex', { sceneUuid: b.ok ? b.value.sceneUuid : '', index: 0 });
    expect(moved.ok).toBe(true);
    expect(studio.document().scenes.map((s) => s.name)).toEqual(['B', first, 'A']);
    expect(names(await nextList(3))).toEqual(['0:A', `1:${first}`, '2:B']);
    expect(names((await obs.call('GetSceneList')).scenes)).toEqual(['0:A', `1:${first}`, '2:B']);

    const undone = await studio.execute('history.undo', {});
    expect(undone.ok).toBe(true);
    expect(names(await nextList(4))).toEqual(['0:B', '1:A', `2:${first}`]);
    expect(names((await obs.call('GetSceneList')).scenes)).toEqual(['0:B', '1:A', `2:${first}`]);
  });

  it('refuses an index past the end, naming the range', async () => {
    const { studio } = remote;
    const r = await studio.execute('scene.setIndex', { sceneUuid: studio.document().scenes[0]!.uuid, index: 99 });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe(Status.OutOfRange);
      expect(r.error.message).toContain('use 0 to 2');
    }
  });
});
