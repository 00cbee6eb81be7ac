import { FOLDER_KINDS, type StudioAbout } from '../../../shared';
import { useActions } from '../../stores/context';
import { copyText } from '../layout/clipboard';
import { Modal } from '../layout/Modal';
import { FolderButton } from './FolderButton';

/** Help → About: the engine's version, where it logs, and its folders (each openable or copyable). */
export function AboutDialog({ about, onClose }: { about: StudioAbout | null; onClose(): void }) {
  const { notify } = useActions();
  const log = about?.logFile ?? null;
  return (
    <Modal
      title="About Broadcast Studio"
      onClose={onClose}
      footer={
        <button type="button" className="btn" data-testid="about-close" onClick={onClose}>
          Close
        </button>
      }
    >
      {about ? (
        <>
          <p>
            Broadcast Studio <strong data-testid="about-version">{about.version}</strong>
          </p>
          <div className="menubar-path">
            <span>Log file</span>
            <code data-testid="about-log">{log ?? 'none (the studio logs to its console)'}</code>
            {log ? (
              <button
                type="button"
                className="btn btn-small"
                onClick={() => void copyText(log).then((done) => notify(done ? 'info' : 'warning', done ? `Copied the log file's path: ${log}` : `The log file is ${log}.`))}
              >
                Copy path
              </button>
            ) : null}
          </div>
          {FOLDER_KINDS.map((kind) => (
            <div key={kind} className="menubar-path">
              <span>{kind[0]!.toUpperCase() + kind.slice(1)}</span>
              <code data-testid={`about-folder-${kind}`}>{about.folders[kind]}</code>
              <FolderButton kind={kind} path={about.folders[kind]} />
            </div>
          ))}
        </>
      ) : (
        <p className="empty">Waiting for the studio engine…</p>
      )}
    </Modal>
  );
}
