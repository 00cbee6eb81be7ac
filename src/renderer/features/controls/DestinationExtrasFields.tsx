import type { ReactNode } from 'react';
import { AUDIENCE_KINDS, SIGNING_SCHEMES, type Destination } from '../../../shared';
import { AUDIENCE_LABELS, SIGN_OFFSET, SIGNING_LABELS } from './destinationExtras';
import { NONE, type DestinationDraft } from './settingsForm';

interface Props {
  draft: DestinationDraft;
  saved: Destination | undefined;
  /** Test-id suffix and label: the destination's name. */
  label: string;
  id(field: string): string;
  error(field: keyof DestinationDraft): string | undefined;
  set(patch: Partial<DestinationDraft>): void;
}

/** A row's field: label, control, then its own error (named by test id) or a hint. */
function Field({ htmlFor, label, error, errorId, hint, children }: { htmlFor: string; label: string; error: string | undefined; errorId: string; hint?: ReactNode; children: ReactNode }) {
  return (
    <div className="field">
      <label className="field-label" htmlFor={htmlFor}>
        {label}
      </label>
      <div className="field-control">{children}</div>
      {error ? (
        <p className="field-error" role="alert" data-testid={errorId}>
          {error}
        </p>
      ) : hint ? (
        <p className="field-hint">{hint}</p>
      ) : null}
    </div>
  );
}

/**
 * Signed push URL: the scheme, the private key (write-only: once saved the page only knows that one
 * is stored, shown as "•••• saved"), and the offset added to the stamped time.
 */
export function SigningFields({ draft, saved, label, id, error, set }: Props) {
  const stored = saved?.signing?.hasSigningKey === true;
  const on = draft.signScheme !== NONE;
  return (
    <fieldset className="settings-section" data-testid={`dest-signing-${label}`}>
      <legend>Signed URL</legend>
      <Field htmlFor={id('sign-scheme')} label="Scheme" error={error('signScheme')} errorId={`dest-sign-scheme-error-${label}`} hint="The studio signs the push URL afresh at every connect, so a leaked URL expires by itself.">
        <select id={id('sign-scheme')} className="input select" value={draft.signScheme} data-testid={`dest-sign-scheme-${label}`} onChange={(e) => set({ signScheme: e.target.value })}>
          <option value={NONE}>None</option>
          {SIGNING_SCHEMES.map((s) => (
            <option key={s} value={s}>
              {SIGNING_LABELS[s]}
            </option>
          ))}
        </select>
      </Field>
      {on ? (
        <>
          <Field
            htmlFor={id('sign-key')}
            label="Private key"
            error={error('signKey')}
            errorId={`dest-sign-key-error-${label}`}
            hint={stored ? 'A key is saved. Leave empty to keep it, or type a new one.' : 'The key the server checks signatures with.'}
          >
            <input
              id={id('sign-key')}
              className="input"
              type="password"
              autoComplete="new-password"
              spellCheck={false}
              placeholder={stored ? '•••• saved' : ''}
              aria-invalid={error('signKey') ? true : undefined}
              value={draft.signKey}
              data-testid={`dest-sign-key-${label}`}
              onChange={(e) => set({ signKey: e.target.value })}
            />
          </Field>
          <Field htmlFor={id('sign-offset')} label="Offset" error={error('signOffset')} errorId={`dest-sign-offset-error-${label}`} hint="Added to the time stamped into the URL; the server adds its validity period to it.">
            <input
              id={id('sign-offset')}
              className="input input-number"
              type="number"
              min={SIGN_OFFSET.min}
              max={SIGN_OFFSET.max}
              step={1}
              aria-invalid={error('signOffset') ? true : undefined}
              value={draft.signOffset}
              data-testid={`dest-sign-offset-${label}`}
              onChange={(e) => set({ signOffset: e.target.value })}
            />
            <span className="suffix">s</span>
          </Field>
        </>
      ) : null}
    </fieldset>
  );
}

/** Where the receiving server says how many watch (shown beside the live bitrate). */
export function AudienceFields({ draft, label, id, error, set }: Props) {
  const on = draft.audienceKind !== NONE;
  return (
    <fieldset className="settings-section" data-testid={`dest-audience-${label}`}>
      <legend>Viewer count</legend>
      <Field htmlFor={id('audience-kind')} label="Source" error={error('audienceKind')} errorId={`dest-audience-kind-error-${label}`} hint={on ? undefined : 'None: viewers show as "not available".'}>
        <select id={id('audience-kind')} className="input select" value={draft.audienceKind} data-testid={`dest-audience-kind-${label}`} onChange={(e) => set({ audienceKind: e.target.value })}>
          <option value={NONE}>None</option>
          {AUDIENCE_KINDS.map((k) => (
            <option key={k} value={k}>
              {AUDIENCE_LABELS[k]}
            </option>
          ))}
        </select>
      </Field>
      {on ? (
        <Field
          htmlFor={id('audience-url')}
          label="URL"
          error={error('audienceUrl')}
          errorId={`dest-audience-url-error-${label}`}
          hint={draft.audienceKind === 'nginx_rtmp' ? 'The rtmp_stat page, e.g. http://host/stat' : draft.audienceKind === 'srs' ? "SRS's HTTP API base, e.g. http://host:1985" : 'Any http(s) address answering JSON.'}
        >
          <input
            id={id('audience-url')}
            className="input"
            type="url"
            spellCheck={false}
            aria-invalid={error('audienceUrl') ? true : undefined}
            value={draft.audienceUrl}
            data-testid={`dest-audience-url-${label}`}
            onChange={(e) => set({ audienceUrl: e.target.value })}
          />
        </Field>
      ) : null}
      {draft.audienceKind === 'json' ? (
        <Field htmlFor={id('audience-path')} label="Field path" error={error('audiencePath')} errorId={`dest-audience-path-error-${label}`} hint="Dot path of the number in the answer, e.g. data.viewers">
          <input
            id={id('audience-path')}
            className="input"
            type="text"
            spellCheck={false}
            aria-invalid={error('audiencePath') ? true : undefined}
            value={draft.audiencePath}
            data-testid={`dest-audience-path-${label}`}
            onChange={(e) => set({ audiencePath: e.target.value })}
          />
        </Field>
      ) : null}
    </fieldset>
  );
}
