/**
 * Which docks show, in which side column, in what order and at what size: saved in this browser
 * (localStorage), restored at start, and put back by View → Reset layout. Pure functions here; the
 * store below holds the live layout.
 */
import { createStore } from 'zustand/vanilla';

export const DOCKS = [
  { id: 'scenes', label: 'Scenes' },
  { id: 'sources', label: 'Sources' },
  { id: 'mixer', label: 'Audio Mixer' },
  { id: 'transitions', label: 'Scene Transitions' },
  { id: 'controls', label: 'Controls' },
  { id: 'properties', label: 'Properties' },
  { id: 'stats', label: 'Stats' },
] as const;
export type DockId = (typeof DOCKS)[number]['id'];
export type Side = 'left' | 'right';
export const SIDES: readonly Side[] = ['left', 'right'];

export interface DockLayout {
  /** 2 since sizes were added; a saved layout without it (v1: columns and hidden only) still loads. */
  version: 2;
  left: DockId[];
  right: DockId[];
  hidden: DockId[];
  /** Each side column's width, CSS px. */
  widths: Record<Side, number>;
  /**
   * A resized column's docks share its height in proportion to these (each dock's height in px when
   * last resized, so the column keeps its look as the window changes). A dock without one takes its
   * default share; a column either has one for every dock or none.
   */
  heights: Partial<Record<DockId, number>>;
}

/**
 * Sizes a user can reach: a side column between sideMin and sideMax, never squeezing the preview
 * below previewMin; a dock never shorter than dockMin (its title bar and a row), so none can vanish.
 */
export const LIMITS = { sideMin: 180, sideMax: 640, previewMin: 320, dockMin: 64, dockMax: 4000 } as const;

export const DEFAULT_LAYOUT: DockLayout = {
  version: 2,
  left: ['scenes', 'sources', 'mixer'],
  // OBS's order: Scene Transitions above Controls. Stats starts hidden, as in OBS (Docks → Stats).
  right: ['transitions', 'controls', 'properties', 'stats'],
  hidden: ['stats'],
  widths: { left: 270, right: 340 },
  heights: {},
};
/** The key kept from v1, so an old saved layout is found and migrated. */
export const LAYOUT_KEY = 'broadcast-studio.dock-layout.v1';

const isDock = (x: unknown): x is DockId => DOCKS.some((d) => d.id === x);
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const other = (s: Side): Side => (s === 'left' ? 'right' : 'left');

export const clampWidth = (px: number) => Math.round(clamp(px, LIMITS.sideMin, LIMITS.sideMax));
export const clampHeight = (px: number) => Math.round(clamp(px, LIMITS.dockMin, LIMITS.dockMax));

/**
 * A saved layout, repaired: unknown ids dropped, each dock exactly once (a missing one, e.g. a dock
 * added since the layout was saved, goes where it is by default: before the dock it precedes there,
 * hidden if it starts hidden), sizes clamped to LIMITS (a missing or broken one takes its default),
 * a column with only some docks sized filled in. Anything unreadable is the default layout, never an
 * error.
 */
export function parseLayout(text: string | null): DockLayout {
  if (!text) return DEFAULT_LAYOUT;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return DEFAULT_LAYOUT;
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return DEFAULT_LAYOUT;
  const r = raw as Record<string, unknown>;
  const seen = new Set<DockId>();
  const list = (v: unknown): DockId[] => (Array.isArray(v) ? v.filter(isDock).filter((id) => !seen.has(id) && seen.add(id)) : []);
  const left = list(r['left']);
  const right = list(r['right']);
  const hidden = (Array.isArray(r['hidden']) ? r['hidden'] : []).filter(isDock).filter((id, i, a) => a.indexOf(id) === i && seen.has(id));
  const out: DockLayout = { ...DEFAULT_LAYOUT, left, right, hidden, widths: { ...DEFAULT_LAYOUT.widths }, heights: {} };
  for (const side of SIDES) {
    const defaults = DEFAULT_LAYOUT[side];
    defaults.forEach((id, i) => {
      if (seen.has(id)) return;
      // Before the dock that follows it by default, when the saved column has that one, else last.
      const next = defaults.slice(i + 1).find((d) => out[side].includes(d));
      out[side].splice(next === undefined ? out[side].length : out[side].indexOf(next), 0, id);
      if (DEFAULT_LAYOUT.hidden.includes(id)) out.hidden.push(id);
    });
  }
  const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
  const widths = r['widths'] && typeof r['widths'] === 'object' ? (r['widths'] as Record<string, unknown>) : {};
  for (const side of SIDES) {
    const w = widths[side];
    if (num(w)) out.widths[side] = clampWidth(w);
  }
  const heights = r['heights'] && typeof r['heights'] === 'object' ? (r['heights'] as Record<string, unknown>) : {};
  for (const { id } of DOCKS) {
    const h = heights[id];
    if (num(h) && h > 0) out.heights[id] = clampHeight(h);
  }
  return SIDES.reduce(fillColumn, out);
}

/** A column with some docks sized gives the others the mean of those sizes (else its shares would be lopsided). */
function fillColumn(l: DockLayout, side: Side): DockLayout {
  const sized = l[side].map((id) => l.heights[id]).filter((h): h is number => h !== undefined);
  if (sized.length === 0 || sized.length === l[side].length) return l;
  const mean = clampHeight(sized.reduce((a, b) => a + b, 0) / sized.length);
  const heights = { ...l.heights };
  for (const id of l[side]) heights[id] ??= mean;
  return { ...l, heights };
}

export const sideOf = (l: DockLayout, id: DockId): Side => (l.left.includes(id) ? 'left' : 'right');

export function setVisible(l: DockLayout, id: DockId, visible: boolean): DockLayout {
  const hidden = l.hidden.filter((h) => h !== id);
  return { ...l, hidden: visible ? hidden : [...hidden, id] };
}

/**
 * Puts a dock at `index` of a column (the index counted without the dock itself), shown. Into a
 * resized column it comes with the mean size there; into one at its defaults, with its default.
 */
export function moveDock(l: DockLayout, id: DockId, side: Side, index: number): DockLayout {
  const lists = { left: l.left.filter((d) => d !== id), right: l.right.filter((d) => d !== id) };
  const to = lists[side];
  to.splice(clamp(Math.round(index), 0, to.length), 0, id);
  const heights = { ...l.heights };
  // Within its column a dock keeps its size; into another it takes that column's measure.
  if (sideOf(l, id) !== side) delete heights[id];
  const next: DockLayout = { ...l, ...lists, hidden: l.hidden.filter((h) => h !== id), heights };
  return fillColumn(next, side);
}

/** Moves a dock to the end of the other column (it shows there, if it was hidden). */
export function moveToOtherSide(l: DockLayout, id: DockId): DockLayout {
  const to = other(sideOf(l, id));
  return moveDock(l, id, to, l[to].length);
}

/** Moves a dock one place up (-1) or down (+1) in its column. */
export function moveWithin(l: DockLayout, id: DockId, step: -1 | 1): DockLayout {
  const side = sideOf(l, id);
  const list = [...l[side]];
  const i = list.indexOf(id);
  const j = i + step;
  if (j < 0 || j >= list.length) return l;
  [list[i], list[j]] = [list[j]!, list[i]!];
  return { ...l, [side]: list } as DockLayout;
}

/**
 * A side column's new width, within LIMITS and at most `max` (what leaves the preview its minimum,
 * measured by the caller); never below sideMin even when the window is too small for both.
 */
export function resizeSide(l: DockLayout, side: Side, width: number, max: number = LIMITS.sideMax): DockLayout {
  const w = Math.round(clamp(width, LIMITS.sideMin, Math.max(LIMITS.sideMin, Math.min(LIMITS.sideMax, max))));
  return w === l.widths[side] ? l : { ...l, widths: { ...l.widths, [side]: w } };
}

/**
 * The splitter between docks `a` (above) and `b` (below) moved by `delta` px: `a` grows by it and `b`
 * shrinks by it, neither below dockMin. `measured` is every shown dock of the column at its present
 * height, which becomes its share, so the docks not beside the splitter keep their size.
 */
export function resizeDocks(l: DockLayout, measured: Partial<Record<DockId, number>>, a: DockId, b: DockId, delta: number): DockLayout {
  const ha = measured[a];
  const hb = measured[b];
  if (ha === undefined || hb === undefined || !Number.isFinite(delta)) return l;
  const d = Math.round(clamp(delta, Math.min(0, LIMITS.dockMin - ha), Math.max(0, hb - LIMITS.dockMin)));
  const heights = { ...l.heights };
  for (const [id, h] of Object.entries(measured) as [DockId, number][]) heights[id] = clampHeight(h);
  heights[a] = clampHeight(ha + d);
  heights[b] = clampHeight(hb - d);
  return fillColumn({ ...l, heights }, sideOf(l, a));
}

/** A column's docks back at their default shares (double-click on a splitter between them). */
export function resetHeights(l: DockLayout, side: Side): DockLayout {
  const heights = { ...l.heights };
  for (const id of l[side]) delete heights[id];
  return { ...l, heights };
}

/** A side column back at its default width (double-click on its splitter). */
export const resetWidth = (l: DockLayout, side: Side): DockLayout => ({ ...l, widths: { ...l.widths, [side]: DEFAULT_LAYOUT.widths[side] } });

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** The live layout; every change is saved. */
export const dockStore = createStore<DockLayout>()(() => parseLayout(storage()?.getItem(LAYOUT_KEY) ?? null));
dockStore.subscribe((l) => {
  try {
    storage()?.setItem(LAYOUT_KEY, JSON.stringify(l));
  } catch {
    // A full or refused storage only means the layout is not remembered.
  }
});
