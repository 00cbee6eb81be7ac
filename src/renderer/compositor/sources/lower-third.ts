/**
 * lower_third: a caption drawn over the whole canvas with Canvas 2D (see lower-third-designs.ts),
 * animated in and out when `visible` or the shown entry changes. The picture's version moves only
 * while it animates or when its settings change, so a still caption costs nothing per frame. Each
 * canvas it is an item of gets the caption laid out in that canvas's own safe area (canvas-overlay.ts).
 */
import { LOWER_THIRD, lowerThirdEntry, type LowerThirdEntry, type Settings } from '../../../shared';
import { abgrToCss } from '../color';
import { canvasOverlay } from './canvas-overlay';
import { ease } from './easing';
import { drawLowerThird, type CaptionStyle } from './lower-third-designs';
import { Presence } from './presence';
import { bool, num, str } from './settings';
import type { SourceContext, SourceKind, SourceRuntime } from './types';

const d = LOWER_THIRD.defaults;
const sameEntry = (a: LowerThirdEntry, b: LowerThirdEntry): boolean =>
  a.name === b.name && a.title === b.title && a.subtitle === b.subtitle;
/** Wall-clock ms (the time base of clock_started_at and FrameInfo.wallMs). */
const wallNow = (): number => performance.timeOrigin + performance.now();

export const lowerThirdSource: SourceKind = {
  id: LOWER_THIRD.id,
  create(settings: Settings, ctx: SourceContext): SourceRuntime {
    const presence = new Presence<LowerThirdEntry>(sameEntry);
    let style: CaptionStyle = { design: 'bar', accent: '', background: '', text: '' };
    let easing = 'ease_out';
    let level = 0;
    let content: LowerThirdEntry | null = null;
    let first = true;

    return canvasOverlay(settings, ctx, {
      update(s) {
        style = {
          design: str(s, 'design', d.design as string),
          accent: abgrToCss(num(s, 'accent_color', d.accent_color as number)),
          background: abgrToCss(num(s, 'background_color', d.background_color as number)),
          text: abgrToCss(num(s, 'text_color', d.text_color as number)),
        };
        easing = str(s, 'easing', d.easing as string);
        const visible = bool(s, 'visible', false);
        // A renderer that starts (or reloads) mid-show shows the caption as it stands, without replaying the entrance.
        const ms = first ? 0 : Math.max(0, num(s, 'anim_ms', d.anim_ms as number));
        first = false;
        presence.set(visible ? lowerThirdEntry(s) : null, wallNow(), ms);
      },
      key(now) {
        const v = presence.view(now);
        level = v.level;
        content = v.content;
        return JSON.stringify([content, level, style, easing]);
      },
      shown: () => content !== null && level > 0,
      paint(c, width, height) {
        return content ? drawLowerThird(c, width, height, content, style, ease(easing, level)) : null;
      },
    });
  },
};
