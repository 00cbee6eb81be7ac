/**
 * Options for a `devices: 'monitor'` list (desktop audio's device_id): the engine lists the outputs
 * (the 'media.outputs' command, engine/media/desktop-audio.ts), since Chromium hides monitor sources
 * from pages and so the renderer's own device list never holds them.
 */
import type { CommandResult } from '../../shared';

export type Output = CommandResult<'media.outputs'>['outputs'][number];
export type Option = { label: string; value: string | number };

/**
 * The kind's fixed choices ("Default") first, then the outputs as OBS lists them (description, valued
 * by monitor source), then a chosen output that is not there: by name while the list is still unknown
 * (null), marked as gone once the engine's list lacks it.
 */
export function outputOptions(fixed: readonly Option[], outputs: readonly Output[] | null, value: unknown): Option[] {
  const out: Option[] = [...fixed];
  for (const o of outputs ?? []) {
    if (!out.some((x) => x.value === o.monitor)) out.push({ label: o.description || o.monitor, value: o.monitor });
  }
  if (typeof value === 'string' && value !== '' && !out.some((o) => o.value === value)) {
    out.push({ label: outputs === null ? value : `Not connected (${value})`, value });
  }
  return out;
}
