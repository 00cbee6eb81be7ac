import { useState } from 'react';
import type { LibraryList } from '../../../shared';
import { useActions } from '../../stores/context';
import { downloadText, fileNameOf } from './download';
import { FilePick } from './FilePick';

interface Props {
  kind: 'collection' | 'profile';
  list: LibraryList;
  /** Profiles cannot be switched while an output runs (as in OBS). */
  locked: boolean;
  onChanged(): void;
}

const TITLE = { collection: 'Scene collection', profile: 'Profile' } as const;

/** One list (scene collections or profiles): switch, new, rename, duplicate, remove, export, import. */
export function LibrarySection({ kind, list, locked, onChanged }: Props) {
  const { call } = useActions();
  const [name, setName] = useState('');
  const named = name.trim();
  const run = async (p: Promise<{ ok: boolean }>): Promise<boolean> => {
    const r = await p;
    onChanged();
    if (r.ok) setName('');
    return r.ok;
  };
  const lockNote = locked ? 'Profiles cannot be switched while streaming or recording' : undefined;
  return (
    <section className="library-section" data-testid={`library-${kind}`}>
      <h3>{TITLE[kind]}</h3>
      <label className="field">
        <span>Loaded</span>
        <select
          value={list.current}
          disabled={locked}
          title={lockNote}
          data-testid={`${kind}-current`}
          onChange={(e) => void run(call(`${kind}.switch`, { name: e.target.value }))}
        >
          {list.names.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <div className="library-row">
        <input value={name} placeholder="Name" aria-label={`${TITLE[kind]} name`} data-testid={`${kind}-name`} onChange={(e) => setName(e.target.value)} />
        <button type="button" className="btn btn-small" disabled={!named || locked} onClick={() => void run(call(`${kind}.create`, { name: named }))}>
          New
        </button>
        <button type="button" className="btn btn-small" disabled={!named} onClick={() => void run(call(`${kind}.rename`, { name: list.current, newName: named }))}>
          Rename
        </button>
        <button type="button" className="btn btn-small" disabled={!named || locked} onClick={() => void run(call(`${kind}.duplicate`, { name: list.current, newName: named }))}>
          Duplicate
        </button>
        <button
          type="button"
          className="btn btn-small btn-danger"
          disabled={list.names.length < 2 || locked}
          title={`Removes "${list.current}"; its file is kept in the data folder`}
          onClick={() => void run(call(`${kind}.remove`, { name: list.current }))}
        >
          Remove
        </button>
      </div>
      <div className="library-row">
        <button
          type="button"
          className="btn btn-small"
          onClick={() =>
            void call(`${kind}.export`, { name: list.current }).then((r) => {
              if (r.ok) downloadText(fileNameOf(list.current, kind === 'profile' ? ' profile' : ''), r.value.json);
            })
          }
        >
          Export
        </button>
        <FilePick
          label="Import…"
          testId={`${kind}-import`}
          onText={(json, fileName) => void run(call(`${kind}.import`, { json, name: fileName.replace(/\.json$/i, '') || TITLE[kind] }))}
        />
      </div>
    </section>
  );
}
