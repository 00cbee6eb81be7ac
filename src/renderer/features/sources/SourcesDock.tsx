import type { Scene, SceneItem } from '../../../shared';
import { useActions, useStudio, useUi } from '../../stores/context';
import { useContextMenu } from '../editing/ContextMenu';
import { useDragReorder } from '../editing/useDragReorder';
import { editedScene } from '../../stores/selectors';
import { Dock } from '../layout/Dock';
import { AddSourceMenu } from './AddSourceMenu';
import { SourceRow } from './SourceRow';

/** Items of the program scene, top of the list = top of the stack (reverse of document order). */
export function SourcesDock() {
  const doc = useStudio((s) => s.document);
  const selected = useUi((s) => s.selected);
  const canvasId = useUi((s) => s.editedCanvas);
  const scene = editedScene(doc, canvasId);
  const items = scene?.items ?? [];
  const menu = useContextMenu();
  const { call } = useActions();
  // Keys are "sceneUuid/sceneItemId": a row dropped on a row of the same scene (or group) takes its place.
  const drag = useDragReorder<string>((dragged, onto) => {
    const [sceneUuid, from] = dragged.split('/');
    const [ontoScene, to] = onto.split('/');
    const owner = doc?.scenes.find((s) => s.uuid === sceneUuid);
    const index = owner?.items.findIndex((i) => i.sceneItemId === Number(to)) ?? -1;
    if (!owner || ontoScene !== sceneUuid || index < 0) return;
    void call('item.setIndex', { sceneUuid: owner.uuid, sceneItemId: Number(from), index });
  });
  return (
    <Dock title="Sources" subtitle={scene?.name} className="dock-sources" actions={<AddSourceMenu />}>
      <ul className="list" aria-label={scene ? `Sources in ${scene.name}` : 'Sources'}>
        {scene
          ? items
              .map((item, index) => ({ item, index }))
              .reverse()
              .flatMap(({ item, index }) => {
                const row = (owner: Scene, it: SceneItem, at: number, count: number, depth: number) => (
                  <SourceRow
                    key={`${owner.uuid}/${it.sceneItemId}`}
                    sceneUuid={owner.uuid}
                    item={it}
                    input={doc?.inputs.find((i) => i.uuid === it.sourceUuid) ?? null}
                    nested={doc?.scenes.find((s) => s.uuid === it.sourceUuid) ?? null}
                    depth={depth}
                    index={at}
                    count={count}
                    selected={selected?.sceneUuid === owner.uuid && selected.sceneItemId === it.sceneItemId}
                    onMenu={menu.open}
                    reorder={drag(`${owner.uuid}/${it.sceneItemId}`)}
                  />
                );
                // A group lists its own items under it, indented, top first (as OBS's Sources dock).
                const group = doc?.scenes.find((s) => s.uuid === item.sourceUuid && s.isGroup);
                const children = group ? group.items.map((it, at) => row(group, it, at, group.items.length, 1)).reverse() : [];
                return [row(scene, item, index, items.length, 0), ...children];
              })
          : null}
      </ul>
      {scene && items.length === 0 ? <p className="empty">No sources. Use + to add one.</p> : null}
      {menu.menu}
    </Dock>
  );
}
