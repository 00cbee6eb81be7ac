/**
 * countdown_timer: the time left (to the end of a duration, or to a time of day) as text, sized for
 * its longest reading so the item never changes size while it counts. The version moves when the
 * shown text does (once a second, ten times in the tenths format's last minute). At zero it shows
 * end_text, or nothing with end_action "hide"; switching scenes is the engine's (src/engine/overlays).
 */
import { COUNTDOWN_TIMER, countdownRemainingMs, formatClock, timeOfDayText, type Settings } from '../../../shared';
import { abgrToCss } from '../color';
import { CanvasTexture, type Ctx2D } from './canvas-texture';
import { num, str } from './settings';
import { context2d, makeCanvas } from './text-raster';
import type { SourceContext, SourceKind, SourceRuntime } from './types';

const d = COUNTDOWN_TIMER.defaults;
const wallNow = (): number => performance.timeOrigin + performance.now();
const FACE = 'sans-serif';
const DAY_MS = 86_400_000;

/** The text a countdown shows at wall time `now`. */
export function countdownText(s: Settings, now: number): string {
  const format = str(s, 'format', 'auto');
  // A clock shows seconds unless the format is the plain one.
  if (s['mode'] === 'clock') return timeOfDayText(now, format !== 'auto');
  return remainingText(s, countdownRemainingMs(s, now));
}

/** The text for `remaining` ms left (null = no valid target). */
function remainingText(s: Settings, remaining: number | null): string {
  if (remaining === null) return '--:--';
  const format = str(s, 'format', 'auto');
  if (remaining <= 0) return s['end_action'] === 'hide' ? '' : str(s, 'end_text', '');
  if (format === 'tenths' && remaining < 60_000) return formatClock(remaining, { tenths: true });
  // Whole seconds round up: "0:01" shows until the very end, as a countdown should.
  return formatClock(Math.ceil(remaining / 1000) * 1000, { hours: format === 'hh:mm:ss' });
}

export const countdownSource: SourceKind = {
  id: COUNTDOWN_TIMER.id,
  create(settings: Settings, ctx: SourceContext): SourceRuntime {
    const canvas = new CanvasTexture(ctx.gl);
    const measurer = context2d(makeCanvas(1, 1));
    let s: Settings = settings;
    let w = 1;
    let h = 1;
    let version = 0;
    let drawnKey = '';
    let shown = '';
    let dirty = true;
    let size = 96;
    let label = '';

    const refresh = (now: number): void => {
      shown = countdownText(s, now);
      const key = JSON.stringify([shown, s, w, h]);
      if (key === drawnKey) return;
      drawnKey = key;
      dirty = true;
      version++;
    };

    const paint = (c: Ctx2D): void => {
      // Nothing to show (end_action 'hide' at zero): no background box either.
      if (!shown) return;
      c.fillStyle = abgrToCss(num(s, 'background_color', d.background_color as number));
      c.fillRect(0, 0, w, h);
      c.fillStyle = abgrToCss(num(s, 'text_color', d.text_color as number));
      c.textAlign = 'center';
      c.textBaseline = 'middle';
      const labelH = label ? Math.round(size * 0.45) : 0;
      if (label) {
        c.font = `${labelH}px ${FACE}`;
        c.fillText(label, w / 2, labelH * 0.6);
      }
      c.font = `bold ${size}px ${FACE}`;
      c.fillText(shown, w / 2, labelH + (h - labelH) / 2);
    };

    const rt: SourceRuntime = {
      get width() {
        return w;
      },
      get height() {
        return h;
      },
      get version() {
        refresh(wallNow());
        return version;
      },
      update(next) {
        s = next;
        size = Math.max(8, num(s, 'font_size', d.font_size as number));
        label = str(s, 'label', '');
        // Sized for the longest reading (digits measured as zeros), so counting never resizes the item.
        const longest = s['mode'] === 'duration' || s['mode'] === undefined ? num(s, 'duration_s', d.duration_s as number) * 1000 : DAY_MS - 1;
        const widest = (s['mode'] === 'clock' ? countdownText(s, 0) : remainingText({ ...s, end_action: 'none' }, longest)).replace(/\d/g, '0');
        measurer.font = `bold ${size}px ${FACE}`;
        const textW = Math.max(measurer.measureText(widest).width, measurer.measureText(str(s, 'end_text', '')).width);
        measurer.font = `${Math.round(size * 0.45)}px ${FACE}`;
        const labelW = label ? measurer.measureText(label).width : 0;
        const pad = Math.round(size * 0.2);
        w = Math.ceil(Math.max(textW, labelW) + 2 * pad);
        h = Math.ceil(size * 1.25 + (label ? size * 0.45 : 0));
      },
      render(draw) {
        // The real time, not the tick's: a capture may draw long after the last composed tick
        // (program unchanged), and a clock or animation must show now.
        refresh(wallNow());
        if (dirty) {
          dirty = false;
          canvas.paint(w, h, paint);
        }
        if (canvas.texture) draw.texture(canvas.texture);
      },
      dispose() {
        canvas.dispose();
      },
    };
    rt.update(settings);
    return rt;
  },
};
