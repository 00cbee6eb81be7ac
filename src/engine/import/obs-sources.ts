/**
 * OBS sources and filters → the studio's inputs and filters, through the kind registry: OBS's
 * versioned id first (color_source_v3), then its plain id, each of which may be a kind's own id or
 * one of its aliases (v4l2_input → camera_input). Settings OBS left at their defaults are not in
 * its file, so the studio kind's defaults fill in; a value the kind refuses goes back to its
 * default and is reported.
 */
import { MIXER_DEFAULTS, SYNC_OFFSET_LIMITS, VOLUME_LIMITS, type Filter, type Input, type KindCategory, type KindDescriptor, type MonitorType } from '../../shared';
import type { KindRegistry } from '../kinds/registry';
import type { ObsFilter, ObsSource } from './obs-schema';
import type { Skips } from './skips';

const MONITOR: readonly MonitorType[] = ['none', 'monitorOnly', 'monitorAndOutput'];
const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/** The registered kind of `category` for an OBS id pair, or undefined. */
export function kindFor(kinds: KindRegistry, ids: { id: string; versioned_id?: string | undefined }, category: KindCategory): KindDescriptor | undefined {
  for (const id of [ids.versioned_id, ids.id]) {
    const kind = id ? kinds.get(id) : undefined;
    if (kind?.category === category) return kind;
  }
  return undefined;
}

const kindLabel = (ids: { id: string; versioned_id?: string | undefined }): string => ids.versioned_id ?? ids.id;

/** Defaults ← OBS's values, with any value the kind refuses put back to its default (and reported). */
export function settingsFor(kinds: KindRegistry, kind: KindDescriptor, obs: Record<string, unknown>, what: string, skips: Skips): Record<string, unknown> {
  const { settings, invalid } = kinds.sanitizeSettings(kind.id, { ...structuredClone(kind.defaults), ...structuredClone(obs) });
  for (const name of invalid) skips.add(what, `its setting "${name}" (${JSON.stringify(obs[name])}) is not valid for the studio's ${kind.displayName}; the default is used`);
  return settings;
}

export function mapFilters(kinds: KindRegistry, sourceName: string, filters: readonly ObsFilter[], skips: Skips): Filter[] {
  const out: Filter[] = [];
  for (const f of filters) {
    const kind = kindFor(kinds, f, 'filter');
    if (!kind) {
      skips.add(f.name, `filter on "${sourceName}": the studio has no filter of OBS's kind "${kindLabel(f)}"`);
      continue;
    }
    let name = f.name.trim() || kind.displayName;
    for (let n = 2; out.some((o) => o.name === name); n++) name = `${f.name} ${n}`;
    out.push({ name, kind: kind.id, enabled: f.enabled, settings: settingsFor(kinds, kind, f.settings, `${sourceName} / ${f.name}`, skips) });
  }
  return out;
}

/** The input for an OBS source, or undefined (and a skip) when the studio has no such kind. */
export function mapSource(kinds: KindRegistry, source: ObsSource, uuid: string, skips: Skips): Input | undefined {
  const kind = kindFor(kinds, source, 'input');
  if (!kind) {
    skips.add(source.name, `the studio has no source of OBS's kind "${kindLabel(source)}" (a plugin or another platform's source), so it and its scene items were left out`);
    return undefined;
  }
  if (!source.enabled) skips.add(source.name, 'it was disabled in OBS; the studio has no disabled sources, so it is imported enabled');
  const volumeMul = clamp(source.volume, 0, VOLUME_LIMITS.maxMul);
  if (volumeMul !== source.volume) skips.add(source.name, `its volume (×${source.volume}) is beyond the studio's range; ×${volumeMul} is used`);
  const syncOffsetMs = clamp(Math.round(source.sync / 1e6), SYNC_OFFSET_LIMITS.minMs, SYNC_OFFSET_LIMITS.maxMs);
  return {
    uuid,
    name: source.name,
    kind: kind.id,
    settings: settingsFor(kinds, kind, source.settings, source.name, skips),
    muted: source.muted,
    volumeMul,
    filters: mapFilters(kinds, source.name, source.filters, skips),
    balance: clamp(source.balance, 0, 1),
    syncOffsetMs,
    monitorType: MONITOR[source.monitoring_type] ?? MIXER_DEFAULTS.monitorType,
    audioTracks: Array.from({ length: 6 }, (_, k) => (source.mixers & (1 << k)) !== 0),
  };
}

/** A source's own size when its settings say it (a colour source: width/height, 0 = the canvas). */
export function knownSize(input: Input, canvas: { width: number; height: number }): { width: number; height: number } | undefined {
  if (input.kind !== 'color_source_v3') return undefined;
  const w = Number(input.settings['width']) || canvas.width;
  const h = Number(input.settings['height']) || canvas.height;
  return { width: w, height: h };
}
