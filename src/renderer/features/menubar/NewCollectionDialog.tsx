import { useState } from 'react';
import { useActions } from '../../stores/context';
import { Modal } from '../layout/Modal';

/** File → New scene collection…: a name, then the engine creates it and loads it (as OBS does). */
export function NewCollectionDialog({ onClose }: { onClose(): void }) {
  const { call } = useActions();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const named = name.trim();
  const create = async () => {
    if (!named) return;
    const r = await call('collection.create', { name: named }, { quiet: true });
    if (r.ok) onClose();
    else setError(r.error.message);
  };
  return (
    <Modal
      title="New scene collection"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" data-testid="new-collection-create" disabled={!named} onClick={() => void create()}>
            Create
          </button>
        </>
      }
    >
      <label className="field">
        <span>Name</span>
        <input
          value={name}
          data-testid="new-collection-name"
          onChange={(e) => {
            setName(e.target.value);
            setError(null);
          }}
          onKeyDown={(e) => e.key === 'Enter' && void create()}
        />
      </label>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </Modal>
  );
}
