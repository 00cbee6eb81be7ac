/**
 * The encoder choices as Settings shows them. The engine's catalog (ENCODER_NAMES in
 * src/engine/output/encoders/catalog.ts, plus 'auto' in ENCODERS in src/engine/document/schemas.ts)
 * is the source; the renderer may not import the engine, so the options come from the probes the
 * engine reports, and the names below are only the fallback before the first probe answered and the
 * source of the "(software)"/"(hardware)" words.
 */
import type { EncoderProbeResult, EncoderStatus } from '../../../shared';

export const AUTO = 'auto';
export const AUTO_LABEL = 'Automatic (best that works here)';

/** In the engine's order of preference; libx264 is the one software encoder. */
export const KNOWN_ENCODERS = ['h264_nvenc', 'hevc_nvenc', 'h264_qsv', 'h264_videotoolbox', 'h264_amf', 'h264_vaapi', 'libx264'] as const;
const SOFTWARE = new Set(['libx264']);

/** A probe's reason can be a long FFmpeg line; an option label must stay one readable line. */
const REASON_MAX = 80;

export interface EncoderOption {
  value: string;
  label: string;
  /** false when its test encode failed here; still selectable (the engine falls back and says why). */
  works: boolean;
}

const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

function optionOf(name: string, probe: EncoderProbeResult | undefined): EncoderOption {
  if (probe && !probe.works) return { value: name, label: `${name} (not available: ${clip(probe.reason, REASON_MAX)})`, works: false };
  return { value: name, label: name, works: true };
}

/**
 * 'auto', then every encoder the engine tested (or the known list before it has), then the current
 * setting when it is none of those, so the select never silently shows another value.
 */
export function encoderOptions(status: EncoderStatus | null, current: string): EncoderOption[] {
  const probes = status?.probes ?? [];
  const names: string[] = probes.length > 0 ? probes.map((p) => p.name) : [...KNOWN_ENCODERS];
  if (current !== AUTO && !names.includes(current)) names.push(current);
  return [{ value: AUTO, label: AUTO_LABEL, works: true }, ...names.map((n) => optionOf(n, probes.find((p) => p.name === n)))];
}

/** "libx264 (software)", "h264_nvenc (hardware)"; the bare name for one the studio does not know. */
export function encoderSummary(name: string): string {
  if (SOFTWARE.has(name)) return `${name} (software)`;
  return (KNOWN_ENCODERS as readonly string[]).includes(name) ? `${name} (hardware)` : name;
}
