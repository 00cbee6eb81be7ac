import { useState } from 'react';
import { useActions, useServices, useStudio } from '../../stores/context';
import { editedScene, findKind } from '../../stores/selectors';
import { Modal } from '../layout/Modal';
import { uniqueName } from './uniqueName';

interface Props {
  kindId: string;
}

/** Names a new source of the chosen kind and creates it, with the kind's defaults, in the scene being edited. */
export function AddSourceDialog({ kindId }: Props) {
  const { ui } = useServices();
  const { call } = useActions();
  const kind = useStudio((s) => findKind(s.kinds, kindId));
  const doc = useStudio((s) => s.document);
  const [name, setName] = useState(() => uniqueName(kind?.displayName ?? 'Source', doc?.inputs.map((i) => i.name) ?? []));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const close = () => ui.setState({ addSourceKind: null });

  const create = async () => {
    if (!doc || busy) return;
    const sceneUuid = editedScene(doc, ui.getState().editedCanvas)?.uuid ?? doc.currentSceneUuid;
    setBusy(true);
    const result = await call('input.create', { sceneUuid, name: name.trim(), kind: kindId }, { quiet: true });
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    ui.setState({ addSourceKind: null, selected: { sceneUuid, sceneItemId: result.value.sceneItemId } });
  };

  return (
    <Modal
      title={`Add ${kind?.displayName ?? 'source'}`}
      onClose={close}
      footer={
        <>
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button
            type="submit"
            form="add-source-form"
            className="button button-primary"
            data-testid="source-create"
            disabled={busy || name.trim() === '' || !doc}
          >
            Create
          </button>
        </>
      }
    >
      <form
        id="add-source-form"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <div className="field">
          <label className="field-label" htmlFor="add-source-name">
            Name
          </label>
          <div className="field-control">
            <input
              id="add-source-name"
              className="input"
              type="text"
              autoFocus
              value={name}
              data-testid="source-name-input"
              onFocus={(e) => e.currentTarget.select()}
              onChange={(e) => {
                setName(e.target.value);
                setError(null);
              }}
            />
          </div>
        </div>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
      </form>
    </Modal>
  );
}
