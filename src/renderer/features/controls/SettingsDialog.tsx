import { useState } from 'react';
import type { StudioDocument } from '../../../shared';
import { useActions, useServices, useStudio } from '../../stores/context';
import { Modal } from '../layout/Modal';
import { RecordingSettings } from '../recording/RecordingSettings';
import { RemoteSettings } from '../remote-settings/RemoteSettings';
import { UplinkSettings } from '../stats/UplinkSettings';
import { WatermarkSettings } from '../watermark/WatermarkSettings';
import { WebhooksSettings } from '../webhooks/WebhooksSettings';
import { DestinationsSettings } from './DestinationsSettings';
import { EncoderStatusSection } from './EncoderStatusSection';
import { EncoderTemplates } from './EncoderTemplates';
import { OutputSettingsFields } from './OutputSettingsFields';
import { ScreenshotSettingsFields } from './ScreenshotSettingsFields';
import { HotkeySettings } from '../hotkeys/HotkeySettings';
import { draftFrom, planSave, rebaseDraft, type DestinationDraft, type FieldError, type SettingsDraft } from './settingsForm';
import { VideoSettingsFields } from './VideoSettingsFields';

type Status = { kind: 'saved' } | { kind: 'failed'; messages: string[] } | null;

/**
 * Destinations, video and output settings. Save sends only what changed, part by part, and stays open:
 * a part the engine refuses (video while live) shows its reason here while the rest is kept.
 */
export function SettingsDialog() {
  const doc = useStudio((s) => s.document);
  const { ui } = useServices();
  const close = () => ui.setState({ settingsOpen: false });
  return (
    <Modal
      title="Settings"
      className="modal-wide"
      onClose={close}
      footer={
        <>
          <button type="button" className="button" data-testid="settings-close" onClick={close}>
            Close
          </button>
          <button type="submit" form="settings-form" className="button button-primary" data-testid="settings-save" disabled={!doc}>
            Save
          </button>
        </>
      }
    >
      {doc ? <SettingsForm doc={doc} /> : <p className="empty">Waiting for the studio engine…</p>}
    </Modal>
  );
}

function SettingsForm({ doc }: { doc: StudioDocument }) {
  const { call } = useActions();
  const [draft, setDraft] = useState<SettingsDraft>(() => draftFrom(doc));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);
  // The document changed under the open dialog (a template applied, another client): untouched fields follow it.
  const [base, setBase] = useState(doc);
  if (base !== doc) {
    setBase(doc);
    setDraft((d) => rebaseDraft(d, base, doc));
  }
  const set = (patch: Partial<SettingsDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setStatus(null);
  };
  const setRows = (update: (rows: DestinationDraft[]) => DestinationDraft[]) => {
    setDraft((d) => ({ ...d, destinations: update(d.destinations) }));
    setStatus(null);
  };
  const removeSaved = async (id: string): Promise<boolean> => (await call('destination.remove', { id })).ok;

  const save = async () => {
    const planned = planSave(doc, draft);
    if (!planned.ok) {
      setErrors(planned.errors);
      setStatus({ kind: 'failed', messages: ['Some values need fixing before they can be saved.'] });
      return;
    }
    setErrors([]);
    setBusy(true);
    const { plan } = planned;
    const messages: string[] = [];
    const quiet = { quiet: true };
    for (const save of plan.destinations ?? []) {
      const r = await call('destination.upsert', save.args, quiet);
      // A saved row forgets the typed key and, when new, learns its id so the next Save updates it.
      if (r.ok) {
        const name = save.args.name;
        setRows((rows) => rows.map((row) => (row.row === save.row ? { ...row, id: r.value.id, key: '', ...(name === undefined ? {} : { name }) } : row)));
      }
      else messages.push(`${save.args.name ?? doc.destinations.find((x) => x.id === save.args.id)?.name ?? 'Destination'}: ${r.error.message}`);
    }
    if (plan.video) {
      const r = await call('video.set', plan.video, quiet);
      if (!r.ok) messages.push(`Video: ${r.error.message}`);
    }
    if (plan.encoder) {
      const r = await call('output.setEncoder', plan.encoder, quiet);
      if (!r.ok) messages.push(`Output: ${r.error.message}`);
    }
    if (plan.screenshots) {
      const r = await call('output.setScreenshots', plan.screenshots, quiet);
      if (!r.ok) messages.push(`Screenshots: ${r.error.message}`);
    }
    setBusy(false);
    setStatus(messages.length > 0 ? { kind: 'failed', messages } : { kind: 'saved' });
  };

  return (
    <form
      id="settings-form"
      className="settings-form"
      aria-busy={busy}
      onSubmit={(e) => {
        e.preventDefault();
        if (!busy) void save();
      }}
    >
      <DestinationsSettings doc={doc} rows={draft.destinations} errors={errors} setRows={setRows} removeSaved={removeSaved} />
      <VideoSettingsFields draft={draft} set={set} errors={errors} />
      <OutputSettingsFields draft={draft} set={set} errors={errors} />
      <ScreenshotSettingsFields draft={draft} set={set} errors={errors} />
      <EncoderStatusSection />
      <EncoderTemplates />
      <RecordingSettings />
      <UplinkSettings />
      <WatermarkSettings />
      <HotkeySettings />
      <RemoteSettings />
      <WebhooksSettings doc={doc} />
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
