/**
 * lower_third: a caption drawn over the whole canvas with Canvas 2D (see lower-third-designs.ts),
 * animated in and out when `visible` or the shown entry changes. The picture's version moves only
 * while it animates or when its settings change, so a still caption costs nothing per frame.
 */
import { LOWER_THIRD, lowerThirdEntry, type LowerThirdEntry, type Settings } from '../../../shared';
import { abgrToCss } from '../color';
import { CanvasTexture } from './canvas-texture';
import { ease } from './easing';
import { drawLowerThird, type CaptionBox, type CaptionStyle } from './lower-third-designs';
import { Presence } from './presence';
import { bool, num, px, str } from './settings';
import type { SourceContext, SourceKind, SourceRuntime } from './types';

const d = LOWER_THIRD.defaults;
const sameEntry = (a: LowerThirdEntry, b: LowerThirdEntry): boolean =>
  a.name === b.name && a.title === b.title && a.subtitle === b.subtitle;
/** Wall-clock ms (the time base of clock_started_at and FrameInfo.wallMs). */
const wallNow = (): number => performance.timeOrigin + performance.now();

export const lowerThirdSource: SourceKind = {
  id: LOWER_THIRD.id,
  create(settings: Settings, ctx: SourceContext): SourceRuntime {
    const canvas = new CanvasTexture(ctx.gl);
    const presence = new Presence<LowerThirdEntry>(sameEntry);
    let style: CaptionStyle = { design: 'bar', accent: '', background: '', text: '' };
    let easing = 'ease_out';
    let w = 0;
    let h = 0;
    let version = 0;
    let drawnKey = '';
    let dirty = true;
    let level = 0;
    let content: LowerThirdEntry | null = null;
    let first = true;
    /** The caption's box as last painted; null while nothing shows. */
    let box: CaptionBox | null = null;

    const width = (): number => w || ctx.baseWidth();
    const height = (): number => h || ctx.baseHeight();

    /** Works out what shows at `now`; a different picture than last time bumps the version. */
    const refresh = (now: number): void => {
      const v = presence.view(now);
      level = v.level;
      content = v.content;
      const key = JSON.stringify([content, level, style, easing, width(), height()]);
      if (key === drawnKey) return;
      drawnKey = key;
      dirty = true;
      version++;
    };

    const rt: SourceRuntime = {
      get width() {
        return width();
      },
      get height() {
        return height();
      },
      get version() {
        refresh(wallNow());
        return version;
      },
      update(s) {
        style = {
          design: str(s, 'design', d.design as string),
          accent: abgrToCss(num(s, 'accent_color', d.accent_color as number)),
          background: abgrToCss(num(s, 'background_color', d.background_color as number)),
          text: abgrToCss(num(s, 'text_color', d.text_color as number)),
        };
        easing = str(s, 'easing', d.easing as string);
        w = px(s, 'width');
        h = px(s, 'height');
        const visible = bool(s, 'visible', false);
        // A renderer that starts (or reloads) mid-show shows the caption as it stands, without replaying the entrance.
        const ms = first ? 0 : Math.max(0, num(s, 'anim_ms', d.anim_ms as number));
        first = false;
        presence.set(visible ? lowerThirdEntry(s) : null, wallNow(), ms);
      },
      render(draw) {
        // The real time, not the tick's: a capture may draw long after the last composed tick
        // (program unchanged), and a clock or animation must show now.
        refresh(wallNow());
        if (!content || level <= 0) {
          box = null;
          return;
        }
        if (dirty) {
          dirty = false;
          const entry = content;
          const e = ease(easing, level);
          canvas.paint(width(), height(), (c) => (box = drawLowerThird(c, width(), height(), entry, style, e)));
        }
        if (canvas.texture) draw.texture(canvas.texture);
      },
      hits(x, y) {
        return box !== null && level > 0 && x >= box.x && x < box.x + box.w && y >= box.y && y < box.y + box.h;
      },
      dispose() {
        canvas.dispose();
      },
    };
    rt.update(settings);
    return rt;
  },
};
