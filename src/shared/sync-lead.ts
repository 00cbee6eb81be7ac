/**
 * Negative sync offsets (OBS allows down to −950 ms) ask for an input's sound before it arrives.
 * The studio plays it "early" the only way it can: everything else waits. The lead is how far the
 * most negative offset reaches; every channel strip adds it to its own offset (so the most negative
 * input is delayed by 0) and the engine holds the program's pictures back by the same amount, so
 * against the picture each input lands exactly at its own offset.
 */
export function syncLeadMs(inputs: readonly { syncOffsetMs?: number }[]): number {
  let lead = 0;
  for (const i of inputs) if (typeof i.syncOffsetMs === 'number' && -i.syncOffsetMs > lead) lead = -i.syncOffsetMs;
  return Math.min(lead, 950);
}
