import { useStudio, useUi } from '../../stores/context';
import { useContextMenu } from '../editing/ContextMenu';
import { currentScene } from '../../stores/selectors';
import { Dock } from '../layout/Dock';
import { AddSourceMenu } from './AddSourceMenu';
import { SourceRow } from './SourceRow';

/** Items of the program scene, top of the list = top of the stack (reverse of document order). */
export function SourcesDock() {
  const doc = useStudio((s) => s.document);
  const selected = useUi((s) => s.selected);
  const scene = currentScene(doc);
  const items = scene?.items ?? [];
  const menu = useContextMenu();
  return (
    <Dock title="Sources" subtitle={scene?.name} className="dock-sources" actions={<AddSourceMenu />}>
      <ul className="list" aria-label={scene ? `Sources in ${scene.name}` : 'Sources'}>
        {scene
          ? items
              .map((item, index) => ({ item, index }))
              .reverse()
              .map(({ item, index }) => (
                <SourceRow
                  key={item.sceneItemId}
                  sceneUuid={scene.uuid}
                  item={item}
                  input={doc?.inputs.find((i) => i.uuid === item.sourceUuid) ?? null}
                  index={index}
                  count={items.length}
                  selected={selected?.sceneUuid === scene.uuid && selected.sceneItemId === item.sceneItemId}
                  onMenu={menu.open}
                />
              ))
          : null}
      </ul>
      {scene && items.length === 0 ? <p className="empty">No sources. Use + to add one.</p> : null}
      {menu.menu}
    </Dock>
  );
}
