import { useStudio, useUi } from '../../stores/context';
import { findInput, findItem, findKind, selectionInEditedScene } from '../../stores/selectors';
import { Dock } from '../layout/Dock';
import { FiltersSection } from './FiltersSection';
import { InputRename } from './InputRename';
import { SettingsSection } from './SettingsSection';
import { TransformSection } from './TransformSection';

/** Properties and transform of the selected item's source. */
export function PropertiesDock() {
  const doc = useStudio((s) => s.document);
  const kinds = useStudio((s) => s.kinds);
  const selected = useUi((s) => s.selected);
  const canvasId = useUi((s) => s.editedCanvas);
  const ref = selectionInEditedScene(doc, selected, canvasId);
  const item = findItem(doc, ref);
  const input = findInput(doc, item?.sourceUuid);
  const kind = input ? findKind(kinds, input.kind) : null;
  // A source with no picture (a microphone, a tone) has nothing to place: OBS shows no transform.
  const visual = kind?.video ?? true;
  return (
    <Dock title="Properties" className="dock-properties">
      {ref && item && input ? (
        <div className="properties" key={`${ref.sceneUuid}/${ref.sceneItemId}`}>
          <InputRename input={input} />
          <SettingsSection key={input.uuid} input={input} kind={kind} />
          {visual ? <TransformSection sceneUuid={ref.sceneUuid} item={item} /> : null}
          <FiltersSection sourceUuid={input.uuid} filters={input.filters} video={visual} audio={kind?.audio ?? false} />
        </div>
      ) : (
        <p className="empty">Select a source in the preview or the Sources list to edit it.</p>
      )}
    </Dock>
  );
}
