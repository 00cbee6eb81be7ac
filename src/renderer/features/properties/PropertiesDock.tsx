import { useStudio, useUi } from '../../stores/context';
import { findInput, findItem, findKind, selectionInCurrentScene } from '../../stores/selectors';
import { Dock } from '../layout/Dock';
import { InputRename } from './InputRename';
import { SettingsSection } from './SettingsSection';
import { TransformSection } from './TransformSection';

/** Properties and transform of the selected item's source. */
export function PropertiesDock() {
  const doc = useStudio((s) => s.document);
  const kinds = useStudio((s) => s.kinds);
  const selected = useUi((s) => s.selected);
  const ref = selectionInCurrentScene(doc, selected);
  const item = findItem(doc, ref);
  const input = findInput(doc, item?.sourceUuid);
  return (
    <Dock title="Properties" className="dock-properties">
      {ref && item && input ? (
        <div className="properties" key={`${ref.sceneUuid}/${ref.sceneItemId}`}>
          <InputRename input={input} />
          <SettingsSection key={input.uuid} input={input} kind={findKind(kinds, input.kind)} />
          <TransformSection sceneUuid={ref.sceneUuid} item={item} />
        </div>
      ) : (
        <p className="empty">Select a source in the preview or the Sources list to edit it.</p>
      )}
    </Dock>
  );
}
