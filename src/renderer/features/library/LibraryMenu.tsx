import { useCallback, useEffect, useState } from 'react';
import type { LibraryList, ObsImportResult } from '../../../shared';
import { useActions, useStudio } from '../../stores/context';
import { Modal } from '../layout/Modal';
import { FilePick } from './FilePick';
import { LibrarySection } from './LibrarySection';
import './library.css';
import { ObsImportReport } from './ObsImportReport';

const EMPTY: LibraryList = { current: '', names: [] };

/**
 * The File menu: scene collections and profiles (OBS's model) and the imports from OBS. An OBS file
 * is picked in the browser's file dialog and its text sent to the engine (collection.importObs,
 * profile.importObsService), so the page never names a path on the studio's machine.
 */
export function LibraryMenu() {
  const { call } = useActions();
  const connected = useStudio((s) => s.connected);
  const revision = useStudio((s) => s.document?.revision);
  const state = useStudio((s) => s.streamState);
  const recording = useStudio((s) => s.record.state);
  const [open, setOpen] = useState(false);
  const [collections, setCollections] = useState(EMPTY);
  const [profiles, setProfiles] = useState(EMPTY);
  const [report, setReport] = useState<ObsImportResult | null>(null);

  const refresh = useCallback(() => {
    void call('collection.list', {}, { quiet: true }).then((r) => r.ok && setCollections(r.value));
    void call('profile.list', {}, { quiet: true }).then((r) => r.ok && setProfiles(r.value));
  }, [call]);
  // A switch changes the document; so the lists are asked again whenever it changes while open.
  useEffect(() => {
    if (open && connected) refresh();
  }, [open, connected, revision, refresh]);

  const busy = (s: string): boolean => s !== 'idle' && s !== 'failed';
  const live = busy(state) || busy(recording);
  return (
    <>
      <button type="button" className="btn btn-small" disabled={!connected} data-testid="file-menu" onClick={() => setOpen(true)}>
        File
      </button>
      {open ? (
        <Modal title="Scene collections and profiles" className="library-modal" onClose={() => setOpen(false)}>
          <LibrarySection kind="collection" list={collections} locked={false} onChanged={refresh} />
          <div className="library-row">
            <FilePick
              label="Import from OBS…"
              testId="obs-import"
              onText={(json) =>
                void call('collection.importObs', { json }).then((r) => {
                  refresh();
                  if (!r.ok) return;
                  // The report replaces this dialog (the new collection is loaded behind it).
                  setOpen(false);
                  setReport(r.value);
                })
              }
            />
            <span className="hint">An OBS scene collection (.json from OBS's scenes folder or Scene Collection → Export).</span>
          </div>
          <LibrarySection kind="profile" list={profiles} locked={live} onChanged={refresh} />
          <div className="library-row">
            <FilePick label="Import OBS service.json…" testId="obs-service-import" onText={(json) => void call('profile.importObsService', { json }).then(refresh)} />
            <span className="hint">Adds the OBS profile's stream server as a destination; its key goes to the secret store.</span>
          </div>
        </Modal>
      ) : null}
      {report ? <ObsImportReport result={report} onClose={() => setReport(null)} /> : null}
    </>
  );
}
