/** Parsing what people type into number fields. */

export interface NumberRule {
  min?: number;
  max?: number;
  integer?: boolean;
}

/** The number in `text` if it is complete and within the rule; null otherwise. */
export function parseNumber(text: string, rule: NumberRule = {}): number | null {
  const t = text.trim();
  if (t === '' || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return null;
  const n = Number(t);
  if (!Number.isFinite(n)) return null;
  if (rule.integer && !Number.isInteger(n)) return null;
  if (rule.min !== undefined && n < rule.min) return null;
  if (rule.max !== undefined && n > rule.max) return null;
  return n;
}

/** How a number is shown for editing: no float noise (0.30000000000000004 → 0.3). */
export function formatNumber(n: number, maxDecimals = 3): string {
  if (!Number.isFinite(n)) return '';
  const f = 10 ** maxDecimals;
  return String(Math.round(n * f) / f);
}
