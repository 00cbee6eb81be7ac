import { Modal } from '../layout/Modal';
import { DOCS, type DocSection } from './docs';

/** Help → Documentation → a section: a short note, and where the README says the rest. */
export function DocsDialog({ section, onClose }: { section: DocSection; onClose(): void }) {
  return (
    <Modal
      title={section}
      onClose={onClose}
      footer={
        <button type="button" className="btn" onClick={onClose}>
          Close
        </button>
      }
    >
      <p data-testid="docs-text">{DOCS[section]}</p>
      <p className="hint">
        The full text: README.md in the studio's folder, section “{section}”.
      </p>
    </Modal>
  );
}
