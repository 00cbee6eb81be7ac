import { useEffect, useState, type KeyboardEvent } from 'react';
import { AUDIO_TRACK_COUNT, MAIN_CANVAS, type Canvas, type RecordingFormat, type RecordingSettings as Recording } from '../../../shared';
import { useActions, useStudio } from '../../stores/context';
import { SettingsRow } from '../controls/SettingsFields';
import { FolderButton } from '../menubar/FolderButton';
import { FORMAT_LABELS, parseMinFreeMb, previewFileName } from './recordingText';

/** Text as typed, starting from the saved value and following it when it changes elsewhere. */
function useSavedText(saved: string): [string, (text: string) => void] {
  const [text, setText] = useState(saved);
  const [base, setBase] = useState(saved);
  if (base !== saved) {
    setBase(saved);
    setText(saved);
  }
  return [text, setText];
}

/** Enter saves the field alone instead of submitting the whole dialog. */
const onEnter = (save: () => void) => (e: KeyboardEvent<HTMLInputElement>) => {
  if (e.key === 'Enter') {
    e.preventDefault();
    save();
  }
};

/** A clock for the preview, so the name shown is the one a recording started now would get. */
function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/**
 * Where recordings go and how they are written. Like the uplink, this section saves on its own
 * (a choice at once, a text field on Enter or when left), since it is not part of the dialog's
 * draft; the engine checks each value (an absolute folder, a usable file name) and says why not.
 */
export function RecordingSettings() {
  const saved = useStudio((s) => s.document?.output.recording ?? null);
  return saved ? <RecordingFields saved={saved} /> : null;
}

/** One empty list: a selector that made a new one each time would re-render without end. */
const NO_CANVASES: readonly Canvas[] = [];

function RecordingFields({ saved }: { saved: Recording }) {
  const { call } = useActions();
  const now = useNow();
  const [folder, setFolder] = useSavedText(saved.folder);
  const [pattern, setPattern] = useSavedText(saved.filenamePattern);
  const [minFree, setMinFree] = useSavedText(String(saved.minFreeMb));
  const [error, setError] = useState<string | null>(null);
  const canvases = useStudio((s) => s.document?.canvases) ?? NO_CANVASES;

  const save = async (patch: Partial<Recording>) => {
    const changed = (Object.keys(patch) as (keyof Recording)[]).some((k) => patch[k] !== saved[k]);
    if (!changed) return setError(null);
    const r = await call('output.setRecording', patch, { quiet: true });
    setError(r.ok ? null : r.error.message);
  };
  const saveMinFree = () => {
    const mb = parseMinFreeMb(minFree);
    if (mb === null) setError('Minimum free space must be a whole number of MB, 0 or more.');
    else void save({ minFreeMb: mb });
  };

  return (
    <fieldset className="settings-section" data-testid="settings-recording">
      <legend>Recording</legend>
      <p className="field-hint">Changes here are saved at once and apply to the next recording.</p>
      <SettingsRow id="recording-folder" label="Folder">
        <input
          id="recording-folder"
          className="input"
          type="text"
          spellCheck={false}
          placeholder="(the studio’s data folder)"
          value={folder}
          data-testid="recording-folder"
          onChange={(e) => setFolder(e.target.value)}
          onBlur={() => void save({ folder: folder.trim() })}
          onKeyDown={onEnter(() => void save({ folder: folder.trim() }))}
        />
      </SettingsRow>
      <p className="field-hint recording-where" data-testid="recording-folder-hint">
        {saved.folder === '' ? 'Empty: a “recordings” folder inside the studio’s data folder.' : `Recordings are saved in ${saved.folder}`}
      </p>
      <FolderButton kind="recordings" />
      <SettingsRow id="recording-format" label="Format" hint="Both stay playable when the studio, FFmpeg or the computer stops in the middle of a recording.">
        <select
          id="recording-format"
          className="input select"
          value={saved.format}
          data-testid="recording-format"
          onChange={(e) => void save({ format: e.target.value as RecordingFormat })}
        >
          {(Object.keys(FORMAT_LABELS) as RecordingFormat[]).map((f) => (
            <option key={f} value={f}>
              {FORMAT_LABELS[f]}
            </option>
          ))}
        </select>
      </SettingsRow>
      {canvases.length > 0 ? (
        <SettingsRow id="recording-canvas" label="Canvas" hint="Which picture the file and the replay buffer get: the main canvas, or an extra one (on) in its own size.">
          <select
            id="recording-canvas"
            className="input select"
            value={saved.canvas ?? MAIN_CANVAS}
            data-testid="recording-canvas"
            onChange={(e) => void save({ canvas: e.target.value })}
          >
            <option value={MAIN_CANVAS}>Main</option>
            {canvases.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({c.width}×{c.height}){c.enabled ? '' : ' — off'}
              </option>
            ))}
          </select>
        </SettingsRow>
      ) : null}
      <SettingsRow id="recording-pattern" label="File name">
        <input
          id="recording-pattern"
          className="input"
          type="text"
          spellCheck={false}
          maxLength={200}
          value={pattern}
          data-testid="recording-pattern"
          onChange={(e) => setPattern(e.target.value)}
          onBlur={() => void save({ filenamePattern: pattern.trim() })}
          onKeyDown={onEnter(() => void save({ filenamePattern: pattern.trim() }))}
        />
      </SettingsRow>
      <p className="field-hint recording-preview">
        Now: <span data-testid="recording-preview">{previewFileName(pattern, saved.format, now)}</span> — %CCYY year, %MM month, %DD day, %hh %mm %ss time.
      </p>
      <div className="field">
        <span className="field-label">Audio tracks</span>
        <div className="field-control">
          {Array.from({ length: AUDIO_TRACK_COUNT }, (_, k) => {
            const tracks = saved.tracks ?? [1];
            const on = tracks.includes(k + 1);
            return (
              <span className="field-check" key={k}>
                <input
                  id={`recording-track-${k + 1}`}
                  type="checkbox"
                  checked={on}
                  data-testid={`recording-track-${k + 1}`}
                  onChange={() => void save({ tracks: on ? tracks.filter((t) => t !== k + 1) : [...tracks, k + 1] })}
                />
                <label htmlFor={`recording-track-${k + 1}`}>{k + 1}</label>
              </span>
            );
          })}
          <p className="field-hint">
            Each ticked mixer track is written as its own audio track (OBS’s default: track 1 only). While the stream or replay buffer runs, a recording can
            only add tracks they were started with; the rest apply once every output has stopped.
          </p>
        </div>
      </div>
      <div className="field">
        <span className="field-label">After stopping</span>
        <div className="field-control">
          <span className="field-check">
            <input
              id="recording-remux"
              type="checkbox"
              checked={saved.remuxToMp4}
              data-testid="recording-remux"
              onChange={(e) => void save({ remuxToMp4: e.target.checked })}
            />
            <label htmlFor="recording-remux">Also write a plain MP4 (the original is kept)</label>
          </span>
        </div>
      </div>
      <SettingsRow id="recording-min-free" label="Minimum free space" hint="Recording will not start below this, and stops cleanly when the disk gets this full.">
        <input
          id="recording-min-free"
          className="input input-number"
          type="number"
          min={0}
          step={100}
          value={minFree}
          data-testid="recording-min-free"
          onChange={(e) => setMinFree(e.target.value)}
          onBlur={saveMinFree}
          onKeyDown={onEnter(saveMinFree)}
        />
        <span className="suffix">MB</span>
      </SettingsRow>
      {error ? (
        <p className="form-error" role="alert" data-testid="recording-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
