import { useEffect, useRef } from 'react';
import { formatNumber, parseNumber, type NumberRule } from './numbers';
import { useDraft } from './useDraft';

interface Props {
  id: string;
  value: number;
  /** May answer with the engine's Result: a refused value then reverts at once. */
  onCommit(value: number): Promise<{ ok: boolean }> | void;
  rule?: NumberRule;
  step?: number | 'any';
  testId?: string;
  ariaLabel?: string;
  decimals?: number;
}

/**
 * A number field that sends only when the edit is committed: the DOM change event (spinner click,
 * Enter, blur) — never per keystroke. Invalid text reverts to the engine's value.
 */
export function CommitNumberInput({ id, value, onCommit, rule, step = 'any', testId, ariaLabel, decimals = 3 }: Props) {
  const shown = formatNumber(value, decimals);
  const draft = useDraft(shown);
  const ref = useRef<HTMLInputElement>(null);
  const latest = useRef({ shown, onCommit, rule, reset: draft.reset });
  useEffect(() => {
    latest.current = { shown, onCommit, rule, reset: draft.reset };
  });

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    // React's onChange is the input event; commits listen to the real change event.
    let sent: { text: string; against: string } | null = null;
    const commit = () => {
      const { shown: current, onCommit: send, rule: r, reset } = latest.current;
      const n = parseNumber(el.value, r);
      if (n === null) return reset();
      const text = formatNumber(n, decimals);
      // Enter and the blur after it can both report the same edit: send it once.
      if (text === current || (sent?.text === text && sent.against === current)) return;
      sent = { text, against: current };
      void Promise.resolve(send(n)).then((result) => {
        if (result && !result.ok) latest.current.reset();
      });
    };
    el.addEventListener('change', commit);
    return () => el.removeEventListener('change', commit);
  }, [decimals]);

  return (
    <input
      ref={ref}
      id={id}
      className="input input-number"
      type="number"
      step={step}
      min={rule?.min}
      max={rule?.max}
      value={draft.value}
      aria-label={ariaLabel}
      aria-invalid={parseNumber(draft.value, rule) === null}
      data-testid={testId}
      onChange={(e) => draft.set(e.target.value)}
      onFocus={draft.bind.onFocus}
      onBlur={(e) => {
        draft.bind.onBlur();
        if (parseNumber(e.target.value, rule) === null) draft.reset();
      }}
      onKeyDown={(e) => {
        // Enter commits even where the browser sends no change event for it.
        if (e.key === 'Enter') e.currentTarget.dispatchEvent(new Event('change'));
      }}
    />
  );
}
