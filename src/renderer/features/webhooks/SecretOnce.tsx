import { useState } from 'react';
import { copyText } from '../layout/clipboard';

interface Props {
  name: string;
  secret: string;
  onDone(): void;
}

/**
 * The secret the engine generated for a new webhook. The engine returns it once and never again (the
 * document records only that one is set), so it lives only in this component's state until Done.
 */
export function SecretOnce({ name, secret, onDone }: Props) {
  const [copied, setCopied] = useState<'copied' | 'failed' | null>(null);
  return (
    <div className="field webhook-secret" role="alert" data-testid="webhook-secret">
      <label className="field-label" htmlFor="webhook-secret-value">
        Signing secret
      </label>
      <div className="field-control">
        <input id="webhook-secret-value" className="input" type="text" value={secret} readOnly spellCheck={false} autoComplete="off" data-testid="webhook-secret-value" onFocus={(e) => e.target.select()} onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()} />
        <button type="button" className="button button-small" data-testid="webhook-secret-copy" onClick={() => void copyText(secret).then((done) => setCopied(done ? 'copied' : 'failed'))}>
          {copied === 'copied' ? 'Copied' : 'Copy'}
        </button>
        <button type="button" className="button button-small" data-testid="webhook-secret-done" onClick={onDone}>
          Done
        </button>
      </div>
      {copied === 'failed' ? (
        <p className="field-error">Could not copy; select the text and press Ctrl+C.</p>
      ) : (
        <p className="field-hint">
          Give it to the receiver of “{name}” so it can check each delivery’s signature. Copy it now: it will not be shown again.
        </p>
      )}
    </div>
  );
}
