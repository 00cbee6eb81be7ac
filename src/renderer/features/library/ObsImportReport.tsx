import type { ObsImportResult } from '../../../shared';
import { Modal } from '../layout/Modal';

/** What an OBS import brought over, and everything it left out, each by name with the reason. */
export function ObsImportReport({ result, onClose }: { result: ObsImportResult; onClose(): void }) {
  return (
    <Modal
      title="Imported from OBS"
      onClose={onClose}
      footer={
        <button type="button" className="btn" onClick={onClose}>
          Close
        </button>
      }
    >
      <p>
        The scene collection <strong>{result.sceneCollectionName}</strong> was created and loaded.
      </p>
      {result.skipped.length === 0 ? (
        <p>Everything was imported.</p>
      ) : (
        <>
          <p>Not imported, or imported differently:</p>
          <ul className="import-skipped" data-testid="obs-import-skipped">
            {result.skipped.map((s, k) => (
              <li key={k}>
                <strong>{s.name}</strong>: {s.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </Modal>
  );
}
