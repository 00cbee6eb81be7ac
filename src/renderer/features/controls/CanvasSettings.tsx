import { useState, type KeyboardEvent } from 'react';
import { DEFAULT_VERTICAL_CANVAS, MAIN_CANVAS, plainScenes, type Canvas, type CommandArgs } from '../../../shared';
import { useActions, useStudio } from '../../stores/context';
import { SettingsRow } from './SettingsFields';

const ID = DEFAULT_VERTICAL_CANVAS.id;

/**
 * The vertical canvas (src/shared/canvas.ts): on or off, its size, the scene it shows, its bitrate,
 * and which destinations stream it. Like the watermark, it saves on its own, each choice at once
 * (typed values on Enter or when the field is left), outside the dialog's draft; a refusal (a size
 * that cannot be packed, a change while live) is shown under the section.
 */
export function CanvasSettings() {
  const { call } = useActions();
  const doc = useStudio((s) => s.document);
  const [error, setError] = useState<string | null>(null);
  if (!doc) return null;
  const saved = doc.canvases?.find((c) => c.id === ID);
  const canvas: Canvas = saved ?? { ...DEFAULT_VERTICAL_CANVAS, enabled: false, programSceneUuid: '' };

  const apply = async (change: Partial<Canvas>): Promise<void> => {
    if (saved && (Object.keys(change) as (keyof Canvas)[]).every((k) => change[k] === saved[k])) return;
    const r = await call('canvas.set', { id: ID, ...change } as CommandArgs<'canvas.set'>, { quiet: true });
    setError(r.ok ? null : r.error.message);
  };
  const assign = async (destinationId: string, on: boolean): Promise<void> => {
    const r = await call('destination.upsert', { id: destinationId, canvas: on ? ID : MAIN_CANVAS }, { quiet: true });
    setError(r.ok ? null : r.error.message);
  };
  const commitKeys = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'Enter') {
      e.preventDefault();
      e.currentTarget.blur();
    }
  };
  const numberField = (key: 'width' | 'height' | 'bitrateKbps', fallback: number) => (
    <input
      key={`${key}:${canvas[key] ?? ''}`}
      id={`settings-canvas-${key}`}
      className="input input-number"
      type="number"
      defaultValue={canvas[key] ?? fallback}
      data-testid={`settings-canvas-${key}`}
      onBlur={(e) => {
        const v = Number(e.target.value);
        if (Number.isFinite(v) && v !== (canvas[key] ?? fallback)) void apply({ [key]: Math.round(v) });
      }}
      onKeyDown={commitKeys}
    />
  );

  return (
    <fieldset className="settings-section" data-testid="settings-canvas">
      <legend>Vertical canvas</legend>
      <SettingsRow
        id="settings-canvas-enabled"
        label="Vertical canvas"
        hint="A second picture beside the main one, with its own scene and destinations (short-form platforms). Its scenes reuse your sources."
      >
        <input
          id="settings-canvas-enabled"
          type="checkbox"
          checked={canvas.enabled}
          data-testid="settings-canvas-enabled"
          onChange={(e) => void apply({ enabled: e.target.checked })}
        />
      </SettingsRow>
      {saved ? (
        <>
          <SettingsRow id="settings-canvas-scene" label="Shows scene" hint="Lay its items out in the canvas's own pixels.">
            <select
              id="settings-canvas-scene"
              className="input select"
              value={canvas.programSceneUuid}
              data-testid="settings-canvas-scene"
              onChange={(e) => void apply({ programSceneUuid: e.target.value })}
            >
              <option value="">None (black)</option>
              {plainScenes(doc).map((s) => (
                <option key={s.uuid} value={s.uuid}>
                  {s.name}
                </option>
              ))}
            </select>
          </SettingsRow>
          <SettingsRow id="settings-canvas-width" label="Width" hint="A multiple of 4.">
            {numberField('width', DEFAULT_VERTICAL_CANVAS.width)}
          </SettingsRow>
          <SettingsRow id="settings-canvas-height" label="Height">
            {numberField('height', DEFAULT_VERTICAL_CANVAS.height)}
          </SettingsRow>
          <SettingsRow id="settings-canvas-bitrateKbps" label="Bitrate (kbps)" hint="Its own encoding; the frame rate and sound are the main output's.">
            {numberField('bitrateKbps', doc.output.encoder.bitrateKbps)}
          </SettingsRow>
          {doc.destinations.length > 0 ? (
            <div className="field" data-testid="settings-canvas-destinations">
              <span className="field-label">Streams it</span>
              <div className="field-control">
                {doc.destinations.map((d) => (
                  <span key={d.id} className="field-check">
                    <input
                      id={`settings-canvas-dest-${d.id}`}
                      type="checkbox"
                      checked={d.canvas === ID}
                      data-testid={`settings-canvas-dest-${d.name}`}
                      onChange={(e) => void assign(d.id, e.target.checked)}
                    />
                    <label htmlFor={`settings-canvas-dest-${d.id}`}>{d.name}</label>
                  </span>
                ))}
              </div>
            </div>
          ) : null}
        </>
      ) : null}
      {error ? (
        <p className="field-error" role="alert" data-testid="settings-canvas-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
