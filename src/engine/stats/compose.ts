/**
 * One diagnosis out of the causes that are current. Frames flow render → encoder → destinations, and
 * a stage that loses frames starves or crowds the ones after it, so the first stage in that order is
 * the cause to name and fix first; the others are mentioned after it. The severity is the worst of
 * all of them: a warning about the compositor must not hide a destination that receives nothing.
 */
import type { Diagnosis } from '../../shared';
import type { Finding, Severity } from './findings';

export interface ActiveCause {
  finding: Finding;
  /** Its severity now, held up through the calm period (see ./settle.ts). */
  severity: Severity;
}

export const NO_DIAGNOSIS: Diagnosis = {
  severity: 'ok',
  where: 'none',
  destinationId: null,
  destinationName: null,
  message: 'No frames are being lost.',
};

const STAGE = { render: 0, encoder: 1, destination: 2 } as const;
const RANK = { warning: 1, problem: 2 } as const;

/** "A", "A and B", "A, B and C". */
export function names(list: readonly string[]): string {
  if (list.length <= 1) return list[0] ?? '';
  return `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
}

/**
 * @param preferId the destination named so far: among equally bad destinations it stays named, so
 *   two destinations trading places do not change the diagnosis every second.
 * @param destinations how many destinations the stream sends to now.
 */
export function compose(active: readonly ActiveCause[], preferId: string | null, destinations: number): Diagnosis {
  if (active.length === 0) return NO_DIAGNOSIS;
  const ordered = [...active].sort(
    (a, b) =>
      STAGE[a.finding.where] - STAGE[b.finding.where] ||
      RANK[b.severity] - RANK[a.severity] ||
      Number(b.finding.destinationId === preferId) - Number(a.finding.destinationId === preferId) ||
      b.finding.weight - a.finding.weight ||
      a.finding.key.localeCompare(b.finding.key),
  );
  const cause = ordered[0]!;
  const rest = ordered.slice(1);
  const severity = ordered.some((c) => c.severity === 'problem') ? 'problem' : 'warning';
  const suffering = ordered.filter((c) => c.finding.where === 'destination');
  const otherNames = suffering.filter((c) => c !== cause).map((c) => c.finding.destinationName ?? '?');
  let message = cause.finding.message;
  if (cause.finding.where === 'destination') {
    if (otherNames.length > 0) message += ` ${names(otherNames)} ${otherNames.length === 1 ? 'is' : 'are'} losing data too.`;
  } else if (rest.length > 0) {
    const also = rest.filter((c) => c.finding.where === 'encoder').map(() => 'the encoder is falling behind');
    const dests = suffering.map((c) => c.finding.destinationName ?? '?');
    if (dests.length > 0) also.push(`${names(dests)} ${dests.length === 1 ? 'is' : 'are'} losing data`);
    message += ` Also, ${also.join(', and ')}; fix this first.`;
  }
  if (destinations >= 2 && suffering.length >= destinations) {
    // Every destination at once points at the shared link, not at one service.
    message += ` All ${destinations} destinations suffer at once, which points at your own uplink: check the bandwidth budget in Settings.`;
  }
  return {
    severity,
    where: cause.finding.where,
    destinationId: cause.finding.destinationId,
    destinationName: cause.finding.destinationName,
    message,
  };
}
