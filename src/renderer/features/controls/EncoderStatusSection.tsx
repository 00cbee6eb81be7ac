import { useState } from 'react';
import { useActions, useStudio } from '../../stores/context';
import { encoderSummary } from './encoders';

/**
 * Which encoder the studio uses and why, what each test encode found, and "Test encoders again"
 * (after a driver update or a new GPU). Everything shown is the engine's encoder.status as mirrored
 * in the store; the probe's answer arrives there as an event too.
 */
export function EncoderStatusSection() {
  const { call } = useActions();
  const status = useStudio((s) => s.encoder);
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const probing = asking || (status?.probing ?? false);

  const probe = async () => {
    setAsking(true);
    setError(null);
    const r = await call('encoder.probe', {}, { quiet: true });
    setAsking(false);
    if (!r.ok) setError(r.error.message);
  };

  return (
    <fieldset className="settings-section encoder-status" data-testid="encoder-status" aria-busy={probing}>
      <legend>Encoder status</legend>
      <div className="field">
        <span className="field-label">Chosen</span>
        <div className="field-control">
          <strong data-testid="encoder-chosen">{status?.chosen ? encoderSummary(status.chosen) : probing ? 'Testing…' : 'None yet'}</strong>
        </div>
        <p className="field-hint" data-testid="encoder-why">
          {status?.why ?? 'Waiting for the studio engine to test the encoders…'}
        </p>
      </div>
      {status?.fallback ? (
        <p className="encoder-fallback" role="alert" data-testid="encoder-fallback">
          {status.fallback.message}
        </p>
      ) : null}
      {status && status.probes.length > 0 ? (
        <table className="encoder-probes" data-testid="encoder-probes">
          <thead>
            <tr>
              <th scope="col">Encoder</th>
              <th scope="col">Works</th>
              <th scope="col">Test result</th>
            </tr>
          </thead>
          <tbody>
            {status.probes.map((p) => (
              <tr key={p.name} data-testid={`encoder-probe-${p.name}`} data-works={String(p.works)}>
                <td className="encoder-name">{p.name}</td>
                <td className={p.works ? 'encoder-ok' : 'encoder-bad'} aria-label={p.works ? 'works' : 'does not work'}>
                  {p.works ? '✓' : '✗'}
                </td>
                <td className="encoder-reason">{p.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <div className="encoder-actions">
        <button type="button" className="button button-small" data-testid="encoder-probe" disabled={probing} onClick={() => void probe()}>
          {probing ? 'Testing encoders…' : 'Test encoders again'}
        </button>
        {error ? (
          <span className="field-error" role="alert" data-testid="encoder-probe-error">
            {error}
          </span>
        ) : null}
      </div>
    </fieldset>
  );
}
