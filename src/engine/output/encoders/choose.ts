/**
 * Picks the encoder to stream with from the probe results, and says why in words a user follows:
 * the user's choice when it passed its test encode, otherwise the best encoder that did.
 */
import { ENCODER_CATALOG, encoderInfo, encoderLabel } from './catalog';
import type { EncoderProbe } from './probe';

export interface EncoderChoice {
  name: string;
  /** One or two sentences for the UI. */
  why: string;
  /** False only when nothing passed a test encode and libx264 is named as a last resort. */
  tested: boolean;
}

export interface ChooseOptions {
  /**
   * Whether HEVC may be used. RTMP's FLV carries H.264 only, so leave this false whenever any
   * destination is RTMP/RTMPS; auto-selection never picks HEVC either way.
   */
  allowHevc?: boolean;
}

const FALLBACK = 'libx264';
const reasonOf = (p: EncoderProbe | undefined): string => (p ? p.reason.replace(/[.\s]+$/, '') : 'it was not tested');

/** @param preference the user's encoder setting: 'auto' or an encoder name. */
export function chooseEncoder(probes: readonly EncoderProbe[], preference = 'auto', opts: ChooseOptions = {}): EncoderChoice {
  preference = preference.trim() || 'auto';
  const byName = new Map(probes.map((p) => [p.name, p]));
  // Auto candidates in preference order; only those that were probed can be chosen.
  const ranked = ENCODER_CATALOG.filter((e) => e.auto).map((e) => byName.get(e.name)).filter((p): p is EncoderProbe => p !== undefined);
  const best = ranked.find((p) => p.works);

  if (preference !== 'auto') {
    const wanted = byName.get(preference);
    const info = encoderInfo(preference);
    let problem: string | null = null;
    if (info?.codec === 'hevc' && !opts.allowHevc) {
      problem = `${preference}, which you selected, encodes HEVC, and RTMP (FLV) carries only H.264`;
    } else if (wanted?.works) {
      return { name: preference, why: `${encoderLabel(preference)} was chosen: you selected it and it passed a real test encode here.`, tested: true };
    } else {
      problem = `${preference}, which you selected, does not work here — ${reasonOf(wanted)}`;
    }
    if (!best) return lastResort(`${problem}, and no other encoder passed a test encode either`);
    const using = best.name === FALLBACK ? 'Using libx264 (software)' : `Using ${encoderLabel(best.name)}`;
    return { name: best.name, why: `${using}: ${problem}.`, tested: true };
  }

  if (!best) {
    const failed = ranked.map((p) => `${p.name}: ${reasonOf(p)}`).join('; ');
    return lastResort(`no encoder passed a test encode${failed ? ` — ${failed}` : ''}`);
  }
  const skipped = ranked.slice(0, ranked.indexOf(best)).map((p) => `${p.name}: ${reasonOf(p)}`);
  if (best.name === FALLBACK) {
    const why =
      skipped.length > 0
        ? `Using libx264 (software): no hardware encoder worked — ${skipped.join('; ')}.`
        : 'Using libx264 (software): no hardware encoder was tested.';
    return { name: FALLBACK, why, tested: true };
  }
  const tail = skipped.length > 0 ? ` Not used: ${skipped.join('; ')}.` : '';
  return {
    name: best.name,
    why: `${encoderLabel(best.name)} was chosen: it is the first hardware encoder in the preference order that passed a real test encode here, so encoding stays off the CPU.${tail}`,
    tested: true,
  };
}

function lastResort(problem: string): EncoderChoice {
  return { name: FALLBACK, why: `Trying libx264 (software) anyway: ${problem}.`, tested: false };
}
