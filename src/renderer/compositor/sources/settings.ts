/** Tolerant readers for settings objects: a wrong type falls back to the kind's default. */
import type { FontSetting, Settings } from '../../../shared';

export function num(s: Settings, key: string, fallback: number): number {
  const v = s[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

export function bool(s: Settings, key: string, fallback: boolean): boolean {
  const v = s[key];
  return typeof v === 'boolean' ? v : fallback;
}

export function str(s: Settings, key: string, fallback: string): string {
  const v = s[key];
  return typeof v === 'string' ? v : fallback;
}

export function font(s: Settings, key: string, fallback: FontSetting): FontSetting {
  const v = s[key];
  if (typeof v !== 'object' || v === null) return fallback;
  const o = v as Record<string, unknown>;
  return {
    face: typeof o.face === 'string' && o.face ? o.face : fallback.face,
    size: typeof o.size === 'number' && o.size > 0 ? o.size : fallback.size,
    style: typeof o.style === 'string' ? o.style : fallback.style,
    flags: typeof o.flags === 'number' ? o.flags : fallback.flags,
  };
}

/** Non-negative whole pixels, 0 when absent. */
export function px(s: Settings, key: string): number {
  return Math.max(0, Math.round(num(s, key, 0)));
}
