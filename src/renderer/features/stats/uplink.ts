/** The uplink field: what the user may type. */

/** The engine's limit for output.setUplink (100 Gbps): anything above is a typo. */
const UPLINK_MAX_KBPS = 100_000_000;

/** '' = not entered (0); otherwise whole kbps. Null when it is not a usable number. */
export function parseUplink(text: string): number | null {
  const t = text.trim();
  if (t === '') return 0;
  const n = Number(t);
  return Number.isInteger(n) && n >= 0 && n <= UPLINK_MAX_KBPS ? n : null;
}
