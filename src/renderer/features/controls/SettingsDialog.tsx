import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { StudioDocument, StudioError } from '../../../shared';
import { useActions, useServices, useStudio } from '../../stores/context';
import { Modal } from '../layout/Modal';
import { RecordingSettings } from '../recording/RecordingSettings';
import { RemoteSettings } from '../remote-settings/RemoteSettings';
import { UplinkSettings } from '../stats/UplinkSettings';
import { WatermarkSettings } from '../watermark/WatermarkSettings';
import { WebhooksSettings } from '../webhooks/WebhooksSettings';
import { AudioSettingsFields } from './AudioSettingsFields';
import { DestinationsSettings } from './DestinationsSettings';
import { EncoderStatusSection } from './EncoderStatusSection';
import { EncoderTemplates } from './EncoderTemplates';
import { OutputSettingsFields } from './OutputSettingsFields';
import { ReplaySettingsFields } from './ReplaySettingsFields';
import { ScreenshotSettingsFields } from './ScreenshotSettingsFields';
import { HotkeySettings } from '../hotkeys/HotkeySettings';
import { destField, draftFrom, planParts, rebaseDraft, type DestinationDraft, type FieldError, type SettingsDraft } from './settingsForm';
import { VideoSettingsFields } from './VideoSettingsFields';
import { CanvasSettings } from './CanvasSettings';

/** The dialog's tabs, in OBS's order where OBS has the same tab. */
export const SETTINGS_TABS = [
  { id: 'general', label: 'General' },
  { id: 'stream', label: 'Stream' },
  { id: 'output', label: 'Output' },
  { id: 'audio', label: 'Audio' },
  { id: 'video', label: 'Video' },
  { id: 'hotkeys', label: 'Hotkeys' },
  { id: 'remote', label: 'Remote' },
  { id: 'advanced', label: 'Advanced' },
] as const;
export type SettingsTab = (typeof SETTINGS_TABS)[number]['id'];

type Status = { kind: 'saved' } | { kind: 'failed'; messages: string[] } | null;

/**
 * Settings, in tabs. One way of saving everywhere: a change applies as soon as it is made (a
 * choice at once, a typed field when it is left or Enter is pressed), as the recording, watermark,
 * hotkey and webhook sections always did. A value that cannot be saved is refused beside its field,
 * with the range or rule it breaks, and that message stays until the field is fixed; the other
 * fields still save.
 */
export function SettingsDialog() {
  const doc = useStudio((s) => s.document);
  const { ui } = useServices();
  const close = () => ui.setState({ settingsOpen: false, settingsTab: null });
  return (
    <Modal
      title="Settings"
      className="modal-wide"
      onClose={close}
      footer={
        <>
          <span className="settings-footnote">Changes apply as you make them.</span>
          <button type="button" className="button button-primary" data-testid="settings-close" onClick={close}>
            Close
          </button>
        </>
      }
    >
      {doc ? <SettingsForm doc={doc} /> : <p className="empty">Waiting for the studio engine…</p>}
    </Modal>
  );
}

/** Where an engine refusal's field shows: the draft field it came from. */
const ENGINE_FIELDS: Record<string, string> = {
  baseWidth: 'width',
  baseHeight: 'height',
  outputWidth: 'outWidth',
  outputHeight: 'outHeight',
  fpsNumerator: 'fps',
  fpsDenominator: 'fps',
  bitrateKbps: 'bitrate',
  keyframeIntervalSec: 'keyframe',
  bFrames: 'bFrames',
  audioBitrateKbps: 'audioBitrate',
  intervalSec: 'shotsInterval',
  keep: 'shotsKeep',
  folder: 'shotsFolder',
  replayMaxSeconds: 'replaySeconds',
  replayMaxMb: 'replayMb',
};
/** A destination refusal's field (the last part of its path) → the row field it shows beside. */
const DEST_FIELDS: Record<string, keyof DestinationDraft> = {
  name: 'name',
  server: 'server',
  key: 'key',
  rendition: 'bitrate',
  bitrate: 'bitrate',
  width: 'width',
  height: 'height',
  signing: 'signScheme',
  scheme: 'signScheme',
  privateKey: 'signKey',
  offsetSeconds: 'signOffset',
  audience: 'audienceKind',
  kind: 'audienceKind',
  url: 'audienceUrl',
  path: 'audiencePath',
};

/** The engine's refusal beside the field it names, "Field: message" when it names none the dialog shows. */
function engineError(error: StudioError, part: string, row?: string): FieldError | string {
  const field = error.field?.split('.').pop();
  if (row !== undefined) {
    const f = field ? DEST_FIELDS[field] : undefined;
    if (f) return { field: destField(row, f), message: error.message };
    return `${part}: ${error.message}`;
  }
  const mapped = field ? ENGINE_FIELDS[field] : undefined;
  if (mapped) return { field: mapped, message: error.message };
  return `${part}: ${error.message}`;
}

function SettingsForm({ doc }: { doc: StudioDocument }) {
  const { call } = useActions();
  const { ui } = useServices();
  const [tab, setTab] = useState<SettingsTab>(() => SETTINGS_TABS.find((t) => t.id === ui.getState().settingsTab)?.id ?? 'general');
  const [draft, setDraft] = useState<SettingsDraft>(() => draftFrom(doc));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);
  const [tick, setTick] = useState(0);
  // The document changed under the open dialog (a template applied, another client): untouched fields follow it.
  const [base, setBase] = useState(doc);
  if (base !== doc) {
    setBase(doc);
    setDraft((d) => rebaseDraft(d, base, doc));
  }
  // What a save started after an await reads: the newest draft and document.
  const latest = useRef({ doc, draft });
  latest.current = { doc, draft };
  const running = useRef(false);
  const again = useRef(false);

  const set = (patch: Partial<SettingsDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setStatus(null);
  };
  const setRows = (update: (rows: DestinationDraft[]) => DestinationDraft[]) => {
    setDraft((d) => ({ ...d, destinations: update(d.destinations) }));
    setStatus(null);
  };
  const removeSaved = async (id: string): Promise<boolean> => (await call('destination.remove', { id })).ok;
  const commit = () => setTick((t) => t + 1);

  /** Sends what changed and can be saved; one save at a time, the next one reading what is newest then. */
  const saveOnce = async () => {
    const { doc: d, draft: dr } = latest.current;
    const { plan, errors: found } = planParts(d, dr);
    const fieldErrors = [...found];
    const messages: string[] = [];
    let sent = false;
    const quiet = { quiet: true };
    const refused = (e: FieldError | string) => (typeof e === 'string' ? messages.push(e) : fieldErrors.push(e));
    for (const save of plan.destinations ?? []) {
      sent = true;
      const r = await call('destination.upsert', save.args, quiet);
      // A saved row forgets the typed keys (stream and signing: never kept in the page once the engine
      // has them) and, when new, learns its id so the next change updates it.
      if (r.ok) {
        const name = save.args.name;
        const signKey = save.args.signing?.privateKey === undefined ? {} : { signKey: '' };
        setRows((rows) => rows.map((row) => (row.row === save.row ? { ...row, id: r.value.id, key: '', ...signKey, ...(name === undefined ? {} : { name }) } : row)));
      } else refused(engineError(r.error, save.args.name ?? d.destinations.find((x) => x.id === save.args.id)?.name ?? 'Destination', save.row));
    }
    const parts = [
      ['Video', plan.video && (() => call('video.set', plan.video!, quiet))],
      ['Output', plan.encoder && (() => call('output.setEncoder', plan.encoder!, quiet))],
      ['Screenshots', plan.screenshots && (() => call('output.setScreenshots', plan.screenshots!, quiet))],
      ['Replay buffer', plan.replay && (() => call('output.setRecording', plan.replay!, quiet))],
    ] as const;
    for (const [part, send] of parts) {
      if (!send) continue;
      sent = true;
      const r = await send();
      if (!r.ok) refused(engineError(r.error, part));
    }
    setErrors(fieldErrors);
    if (messages.length > 0) setStatus({ kind: 'failed', messages });
    else if (sent && fieldErrors.length === 0) setStatus({ kind: 'saved' });
    else if (fieldErrors.length > 0) setStatus(null);
  };

  useEffect(() => {
    if (tick === 0) return;
    if (running.current) {
      again.current = true;
      return;
    }
    running.current = true;
    setBusy(true);
    void (async () => {
      try {
        do {
          again.current = false;
          await saveOnce();
        } while (again.current);
      } finally {
        running.current = false;
        setBusy(false);
      }
    })();
    // saveOnce reads the newest state through `latest`; only a commit starts it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tick]);

  const onTabKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = SETTINGS_TABS.findIndex((t) => t.id === tab);
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    e.preventDefault();
    const next = SETTINGS_TABS[(i + step + SETTINGS_TABS.length) % SETTINGS_TABS.length]!;
    setTab(next.id);
    document.getElementById(`settings-tab-${next.id}`)?.focus();
  };

  const panel = (id: SettingsTab, children: ReactNode) => (
    <div role="tabpanel" id={`settings-panel-${id}`} aria-labelledby={`settings-tab-${id}`} hidden={tab !== id} data-testid={`settings-panel-${id}`}>
      {children}
    </div>
  );
  const sectionProps = { draft, set, errors };

  return (
    <form
      id="settings-form"
      className="settings-form"
      aria-busy={busy}
      // Checks are the dialog's own, shown beside each field; never the browser's popup.
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        commit();
      }}
      onBlur={(e) => {
        const t = e.target;
        if (t instanceof HTMLInputElement && t.type !== 'checkbox' && t.closest('[data-draft]')) commit();
      }}
      // Enter in a typed field applies it (a form without a submit button is never submitted by Enter).
      onKeyDown={(e) => {
        const t = e.target;
        if (e.key === 'Enter' && t instanceof HTMLInputElement && t.type !== 'checkbox' && t.closest('[data-draft]')) {
          e.preventDefault();
          commit();
        }
      }}
      onChange={(e) => {
        const t = e.target;
        if ((t instanceof HTMLSelectElement || (t instanceof HTMLInputElement && t.type === 'checkbox')) && t.closest('[data-draft]')) commit();
      }}
    >
      <div className="settings-tabs" role="tablist" aria-label="Settings" onKeyDown={onTabKey}>
        {SETTINGS_TABS.map((t) => (
          <button
            key={t.id}
            id={`settings-tab-${t.id}`}
            type="button"
            role="tab"
            className="settings-tab"
            aria-selected={tab === t.id}
            aria-controls={`settings-panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            data-testid={`settings-tab-${t.id}`}
            data-errors={errors.some((er) => tabOf(er.field) === t.id) || undefined}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {panel(
        'general',
        <>
          <p className="field-hint settings-how">Every change applies as soon as you make it: a choice at once, a typed value when you leave the field or press Enter. A value that cannot be used is refused beside its field, with the reason.</p>
          <WatermarkSettings />
        </>,
      )}
      {panel(
        'stream',
        <>
          <div data-draft>
            <DestinationsSettings doc={doc} rows={draft.destinations} errors={errors} setRows={setRows} removeSaved={removeSaved} />
          </div>
          <UplinkSettings />
        </>,
      )}
      {panel(
        'output',
        <>
          <div data-draft>
            <OutputSettingsFields {...sectionProps} />
            <ReplaySettingsFields {...sectionProps} />
          </div>
          <EncoderStatusSection />
          <EncoderTemplates />
          <RecordingSettings />
        </>,
      )}
      {panel(
        'audio',
        <div data-draft>
          <AudioSettingsFields {...sectionProps} />
        </div>,
      )}
      {panel(
        'video',
        <>
          <div data-draft>
            <VideoSettingsFields {...sectionProps} />
          </div>
          <CanvasSettings />
        </>,
      )}
      {panel('hotkeys', <HotkeySettings />)}
      {panel(
        'remote',
        <>
          <RemoteSettings />
          <WebhooksSettings doc={doc} />
        </>,
      )}
      {panel(
        'advanced',
        <div data-draft>
          <ScreenshotSettingsFields {...sectionProps} />
        </div>,
      )}
      {status?.kind === 'saved' ? (
        <p className="form-ok" role="status" data-testid="settings-status">
          Saved.
        </p>
      ) : null}
      {status?.kind === 'failed' ? (
        <div className="form-error" role="alert" data-testid="settings-error">
          {status.messages.map((m) => (
            <p key={m}>{m}</p>
          ))}
        </div>
      ) : null}
    </form>
  );
}

/** Which tab shows a draft field, so a tab with a refused value is marked. */
function tabOf(field: string): SettingsTab {
  if (field.startsWith('dest:')) return 'stream';
  if (['width', 'height', 'outWidth', 'outHeight', 'fps'].includes(field)) return 'video';
  if (field === 'audioBitrate') return 'audio';
  if (field.startsWith('shots')) return 'advanced';
  return 'output';
}
