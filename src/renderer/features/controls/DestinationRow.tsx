import { AUDIO_TRACK_COUNT, type Destination, type DestinationState } from '../../../shared';
import { useActions } from '../../stores/context';
import { ConfirmButton } from '../layout/ConfirmButton';
import { Icon } from '../layout/Icon';
import { AudienceFields, SigningFields } from './DestinationExtrasFields';
import { useDestinationStatus } from './destinationStatus';
import { PRESETS, presetOf } from './presets';
import { destField, type DestinationDraft, type FieldError } from './settingsForm';

interface Props {
  draft: DestinationDraft;
  /** The saved destination this row edits; undefined for a new one. */
  saved: Destination | undefined;
  /** The first row keeps the original settings-server / settings-key test ids. */
  first: boolean;
  /** Main encoder bitrate, for the platform limit hint. */
  mainKbps: number;
  errors: FieldError[];
  set(patch: Partial<DestinationDraft>): void;
  remove(): void;
}

const ACTIVE = new Set<DestinationState>(['connecting', 'live', 'reconnecting']);

/**
 * One destination: where it goes (preset, server, key), how (enabled, audio only, its own
 * rendition), and, once saved, its live state with start / stop / reconnect-now. The stored key is
 * never shown: the field only ever holds a new one.
 */
export function DestinationRow({ draft, saved, first, mainKbps, errors, set, remove }: Props) {
  const { call } = useActions();
  const status = useDestinationStatus(saved?.id ?? null);
  const label = saved?.name ?? (draft.name.trim() || 'new');
  const id = (field: string): string => `dest-${draft.row}-${field}`;
  const error = (field: keyof DestinationDraft): string | undefined => errors.find((e) => e.field === destField(draft.row, field))?.message;
  const preset = presetOf(draft.preset);
  const kbps = Number(draft.bitrate) || mainKbps;
  const overLimit = !draft.audioOnly && preset.maxVideoKbps !== null && kbps > preset.maxVideoKbps;
  const state = status.state;
  const extras = { draft, saved, label, id, error, set };

  const choosePreset = (next: string): void => {
    const p = presetOf(next);
    const known = PRESETS.some((x) => x.servers.some((s) => s.url === draft.server));
    // A server the user typed stays; one that came from the previous preset follows the new one.
    const server = p.servers[0] && (draft.server.trim() === '' || known) ? p.servers[0].url : draft.server;
    const name = draft.name.trim() === '' || PRESETS.some((x) => x.name === draft.name) ? (p.id === 'custom' ? draft.name : p.name) : draft.name;
    set({ preset: next, server, name });
  };

  return (
    <fieldset className="settings-section settings-destination" data-testid={`dest-row-${label}`} aria-label={`Destination ${label}`}>
      <legend>{saved ? label : 'New destination'}</legend>
      <div className="field">
        <label className="field-label" htmlFor={id('name')}>
          Name
        </label>
        <div className="field-control">
          <input id={id('name')} className="input" type="text" value={draft.name} placeholder={preset.id === 'custom' ? 'Custom RTMP' : preset.name} onChange={(e) => set({ name: e.target.value })} />
          {saved ? (
            <span className={`badge badge-${state}`} data-testid={`dest-state-${label}`} role="status" aria-label={`${label} state: ${state}`}>
              {state}
            </span>
          ) : null}
          <ConfirmButton label={`Remove ${label}?`} title={`Remove destination ${label}`} onConfirm={remove}>
            <Icon name="close" />
          </ConfirmButton>
        </div>
        {error('name') ? <p className="field-error" role="alert">{error('name')}</p> : null}
      </div>

      {saved ? (
        <div className="field">
          <span className="field-label">Connection</span>
          <div className="field-control">
            <button type="button" className="button button-small" data-testid={`dest-start-${label}`} disabled={ACTIVE.has(state) || state === 'stopping'} onClick={() => void call('destination.start', { id: saved.id })}>
              Start
            </button>
            <button type="button" className="button button-small" data-testid={`dest-stop-${label}`} disabled={!ACTIVE.has(state)} onClick={() => void call('destination.stop', { id: saved.id })}>
              Stop
            </button>
            <button
              type="button"
              className="button button-small"
              data-testid={`dest-reconnect-${label}`}
              disabled={state !== 'reconnecting' && state !== 'failed' && state !== 'live'}
              onClick={() => void call('destination.reconnect', { id: saved.id })}
            >
              Reconnect now
            </button>
            <span className="suffix" data-testid={`dest-bitrate-${label}`}>
              {state === 'live' ? `${status.bitrateKbps} kbps · ${status.viewers === null ? 'viewers not available' : `${status.viewers} viewers`}` : state === 'reconnecting' && status.retryInMs !== null ? `retry ${status.attempt} in ${Math.round(status.retryInMs / 1000)} s` : ''}
            </span>
          </div>
          {status.error && state !== 'live' ? (
            <p className="field-error" role="alert" data-testid={`dest-error-${label}`}>
              {status.error}
            </p>
          ) : null}
        </div>
      ) : null}

      <div className="field">
        <label className="field-label" htmlFor={id('preset')}>
          Service
        </label>
        <div className="field-control">
          <select id={id('preset')} className="input select" value={draft.preset} data-testid={`dest-preset-${label}`} onChange={(e) => choosePreset(e.target.value)}>
            {PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        {overLimit ? (
          <p className="field-error" role="alert">
            {preset.name} takes at most {preset.maxVideoKbps} kbps of video; this destination would get {kbps}. Give it a rendition with a lower bitrate.
          </p>
        ) : preset.maxVideoKbps !== null ? (
          <p className="field-hint">{preset.name} takes up to {preset.maxVideoKbps} kbps of video.</p>
        ) : null}
      </div>

      <div className="field">
        <label className="field-label" htmlFor={id('server')}>
          Server
        </label>
        <div className="field-control">
          <input
            id={id('server')}
            className="input"
            type="url"
            spellCheck={false}
            list={preset.servers.length > 0 ? id('servers') : undefined}
            placeholder="rtmp://live.example.com/app"
            value={draft.server}
            data-testid={first ? 'settings-server' : `dest-server-${label}`}
            onChange={(e) => set({ server: e.target.value })}
          />
          {preset.servers.length > 0 ? (
            <datalist id={id('servers')}>
              {preset.servers.map((s) => (
                <option key={s.url} value={s.url}>
                  {s.label}
                </option>
              ))}
            </datalist>
          ) : null}
        </div>
        {error('server') ? <p className="field-error" role="alert">{error('server')}</p> : <p className="field-hint">rtmp://host/app, rtmps://… or srt://host:port</p>}
      </div>

      <div className="field">
        <label className="field-label" htmlFor={id('key')}>
          Stream key
        </label>
        <div className="field-control">
          <input
            id={id('key')}
            className="input"
            type="password"
            autoComplete="new-password"
            spellCheck={false}
            placeholder={saved?.hasKey ? 'stored' : ''}
            value={draft.key}
            data-testid={first ? 'settings-key' : `dest-key-${label}`}
            onChange={(e) => set({ key: e.target.value })}
          />
        </div>
        {error('key') ? (
          <p className="field-error" role="alert" data-testid={`dest-key-error-${label}`}>
            {error('key')}
          </p>
        ) : (
          <p className="field-hint">{saved?.hasKey ? 'A key is stored. Leave empty to keep it, or type a new one.' : 'No key stored yet.'}</p>
        )}
      </div>

      <div className="field">
        <span className="field-label">Options</span>
        <div className="field-control">
          <span className="field-check">
            <input id={id('enabled')} type="checkbox" checked={draft.enabled} data-testid={`dest-enabled-${label}`} onChange={(e) => set({ enabled: e.target.checked })} />
            <label htmlFor={id('enabled')}>Start with Go Live</label>
          </span>
          <span className="field-check">
            <input id={id('audio')} type="checkbox" checked={draft.audioOnly} data-testid={`dest-audio-only-${label}`} onChange={(e) => set({ audioOnly: e.target.checked })} />
            <label htmlFor={id('audio')}>Audio only</label>
          </span>
        </div>
      </div>

      <div className="field">
        <label className="field-label" htmlFor={id('track')}>
          Audio track
        </label>
        <div className="field-control">
          <select id={id('track')} className="input" value={draft.audioTrack} data-testid={`dest-audio-track-${label}`} onChange={(e) => set({ audioTrack: Number(e.target.value) })}>
            {Array.from({ length: AUDIO_TRACK_COUNT }, (_, k) => (
              <option key={k} value={k + 1}>
                Track {k + 1}
              </option>
            ))}
          </select>
          <p className="field-hint">The mixer track it sends (each input picks its tracks in Advanced Audio Properties). A change applies when it next starts.</p>
        </div>
      </div>

      {draft.audioOnly ? null : (
        <div className="field">
          <label className="field-label" htmlFor={id('bitrate')}>
            Own rendition
          </label>
          <div className="field-control">
            <input id={id('bitrate')} className="input input-number" type="number" min={200} max={50000} step={100} placeholder={String(mainKbps)} aria-label="Rendition bitrate" value={draft.bitrate} onChange={(e) => set({ bitrate: e.target.value })} />
            <span className="suffix">kbps</span>
            <input className="input input-number" type="number" min={64} max={4096} step={2} placeholder="width" aria-label="Rendition width" value={draft.width} onChange={(e) => set({ width: e.target.value })} />
            <span className="suffix">×</span>
            <input className="input input-number" type="number" min={64} max={4096} step={2} placeholder="height" aria-label="Rendition height" value={draft.height} onChange={(e) => set({ height: e.target.value })} />
          </div>
          {error('bitrate') ?? error('width') ?? error('height') ? (
            <p className="field-error" role="alert">
              {error('bitrate') ?? error('width') ?? error('height')}
            </p>
          ) : (
            <p className="field-hint">Empty: the main encoding. Destinations asking for the same rendition share one encoder.</p>
          )}
        </div>
      )}

      <SigningFields {...extras} />
      <AudienceFields {...extras} />
    </fieldset>
  );
}
