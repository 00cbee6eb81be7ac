import { useEffect, useState } from 'react';
import type { BandwidthBudget } from '../../../shared';
import { useActions, useStudio } from '../../stores/context';
import { SettingsRow } from '../controls/SettingsFields';
import { formatBitrate } from './format';
import { parseUplink } from './uplink';

/**
 * The uplink for the bandwidth check, and the check itself (the engine's 'stats.budget', the same
 * one that warns at Go Live). It saves on its own, on Enter or when the field is left, because it is
 * not part of the dialog's draft; the budget counts the saved destinations, so it follows each Save.
 */
export function UplinkSettings() {
  const { call } = useActions();
  const saved = useStudio((s) => s.document?.output.uplinkKbps ?? 0);
  const revision = useStudio((s) => s.document?.revision ?? -1);
  const [text, setText] = useState(saved > 0 ? String(saved) : '');
  const [error, setError] = useState<string | null>(null);
  const [budget, setBudget] = useState<BandwidthBudget | null>(null);

  useEffect(() => {
    let current = true;
    void call('stats.budget', {}, { quiet: true }).then((r) => {
      if (current && r.ok) setBudget(r.value);
    });
    return () => {
      current = false;
    };
  }, [call, revision]);

  const apply = async () => {
    const kbps = parseUplink(text);
    if (kbps === null) {
      setError('Enter the upload speed as a whole number of kbps (1 Mbps = 1000 kbps), or leave it empty.');
      return;
    }
    setError(null);
    if (kbps === saved) return;
    const r = await call('output.setUplink', { uplinkKbps: kbps }, { quiet: true });
    if (!r.ok) setError(r.error.message);
  };

  return (
    <fieldset className="settings-section" data-testid="settings-bandwidth">
      <legend>Bandwidth</legend>
      <SettingsRow id="settings-uplink" label="Uplink (kbps)" hint={error ? undefined : 'Your upload speed, e.g. from a speed test; empty = unknown.'}>
        <input
          id="settings-uplink"
          className="input input-number"
          type="number"
          min={0}
          step={100}
          placeholder="unknown"
          value={text}
          data-testid="settings-uplink"
          onChange={(e) => setText(e.target.value)}
          onBlur={() => void apply()}
          onKeyDown={(e) => {
            // Enter saves this field alone instead of submitting the whole dialog.
            if (e.key === 'Enter') {
              e.preventDefault();
              void apply();
            }
          }}
        />
        <span className="suffix">kbps</span>
      </SettingsRow>
      {error ? (
        <p className="field-error budget-error" role="alert">
          {error}
        </p>
      ) : null}
      {budget ? <BudgetResult budget={budget} /> : null}
    </fieldset>
  );
}

function BudgetResult({ budget }: { budget: BandwidthBudget }) {
  const tone = budget.fits === false ? 'budget-over' : budget.fits ? 'budget-ok' : 'budget-unknown';
  const share = budget.uplinkKbps ? Math.min(1, budget.requiredKbps / budget.uplinkKbps) : null;
  return (
    <div className={`budget ${tone}`} data-testid="settings-budget" data-fits={String(budget.fits)}>
      <p className="budget-message">{budget.message}</p>
      {share === null ? null : (
        <div className="budget-meter" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(share * 100)} aria-label="Share of the uplink needed">
          <span className="budget-fill" style={{ width: `${share * 100}%` }} />
          {/* 80 %: the engine's headroom line (src/engine/stats/budget.ts). */}
          <span className="budget-limit" title="Keep below 80 % of the uplink" />
        </div>
      )}
      {budget.perDestination.length > 0 ? (
        <ul className="budget-list">
          {budget.perDestination.map((d) => (
            <li key={d.id}>
              <span>{d.name}</span>
              <span className="budget-kbps">{formatBitrate(d.kbps)}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
