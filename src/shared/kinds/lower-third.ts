import type { KindDescriptor } from '../kinds';
import type { Settings } from '../model';

/**
 * Our own lower third: a name/title/subtitle caption in one of three designs, drawn over the whole
 * canvas (the caption sits in the bottom-left of the safe area, so the item needs no positioning).
 * `visible` drives the in/out animation, so obs-websocket's SetInputSettings shows and hides it.
 * `queue` is a list of prepared entries ({ name, title, subtitle }); `queue_index` picks the one
 * shown (-1 = the name/title/subtitle fields themselves). The engine hides it after `auto_hide_s`.
 */
export const LOWER_THIRD: KindDescriptor = {
  id: 'lower_third',
  category: 'input',
  displayName: 'Lower third',
  video: true,
  audio: false,
  defaults: {
    design: 'bar',
    name: 'Name',
    title: 'Title',
    subtitle: '',
    visible: false,
    anim_ms: 500,
    easing: 'ease_out',
    auto_hide_s: 0,
    accent_color: 0xffd77800,
    background_color: 0xe6201a16,
    text_color: 0xffffffff,
    queue: [],
    queue_index: -1,
    width: 0,
    height: 0,
  },
  properties: [
    {
      type: 'list',
      name: 'design',
      label: 'Design',
      options: [
        { label: 'Bar', value: 'bar' },
        { label: 'Boxed', value: 'boxed' },
        { label: 'Minimal', value: 'minimal' },
      ],
    },
    { type: 'text', name: 'name', label: 'Name', maxLength: 200 },
    { type: 'text', name: 'title', label: 'Title', maxLength: 200 },
    { type: 'text', name: 'subtitle', label: 'Subtitle', maxLength: 200 },
    { type: 'bool', name: 'visible', label: 'Show' },
    { type: 'int', name: 'anim_ms', label: 'Animation duration', min: 0, max: 5000, suffix: 'ms' },
    {
      type: 'list',
      name: 'easing',
      label: 'Easing',
      options: [
        { label: 'Ease out', value: 'ease_out' },
        { label: 'Ease in and out', value: 'ease_in_out' },
        { label: 'Linear', value: 'linear' },
        { label: 'Overshoot', value: 'back' },
      ],
    },
    { type: 'int', name: 'auto_hide_s', label: 'Hide after (0 = stay)', min: 0, max: 3600, suffix: 's' },
    { type: 'color', name: 'accent_color', label: 'Accent color' },
    { type: 'color', name: 'background_color', label: 'Background color' },
    { type: 'color', name: 'text_color', label: 'Text color' },
    {
      type: 'entries',
      name: 'queue',
      label: 'Queue (one per line: name | title | subtitle)',
      fields: ['name', 'title', 'subtitle'],
      maxItems: 200,
      maxLength: 200,
    },
    { type: 'int', name: 'queue_index', label: 'Queue entry shown (-1 = the fields above)', min: -1, max: 199 },
    { type: 'int', name: 'width', label: 'Width (0 = canvas)', min: 0, max: 8192, suffix: 'px' },
    { type: 'int', name: 'height', label: 'Height (0 = canvas)', min: 0, max: 8192, suffix: 'px' },
  ],
};

export interface LowerThirdEntry {
  name: string;
  title: string;
  subtitle: string;
}

const text = (v: unknown): string => (typeof v === 'string' ? v.slice(0, 200) : '');

/** The queue's well-formed entries; anything else in the list is skipped, never an error. */
export function lowerThirdQueue(s: Settings): LowerThirdEntry[] {
  const q = s['queue'];
  if (!Array.isArray(q)) return [];
  const out: LowerThirdEntry[] = [];
  for (const e of q as unknown[]) {
    if (typeof e !== 'object' || e === null) continue;
    const o = e as Record<string, unknown>;
    out.push({ name: text(o['name']), title: text(o['title']), subtitle: text(o['subtitle']) });
  }
  return out;
}

/** What the lower third shows: the queue entry at queue_index, or the fields when there is none. */
export function lowerThirdEntry(s: Settings): LowerThirdEntry {
  const q = lowerThirdQueue(s);
  const i = s['queue_index'];
  if (typeof i === 'number' && Number.isInteger(i) && i >= 0 && i < q.length) return q[i]!;
  return { name: text(s['name']), title: text(s['title']), subtitle: text(s['subtitle']) };
}

/**
 * The queue_index one step away (+1 next, -1 previous), stopping at the ends; -1 (the fields) steps
 * to the first entry. Null when the queue is empty.
 */
export function steppedQueueIndex(s: Settings, step: number): number | null {
  const n = lowerThirdQueue(s).length;
  if (n === 0) return null;
  const cur = typeof s['queue_index'] === 'number' ? (s['queue_index'] as number) : -1;
  if (cur < 0 || cur >= n) return step >= 0 ? 0 : n - 1;
  return Math.min(n - 1, Math.max(0, cur + Math.sign(step)));
}
