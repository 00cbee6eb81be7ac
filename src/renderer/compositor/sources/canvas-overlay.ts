/**
 * The runtime half shared by overlays drawn over the whole canvas (lower third, scoreboard): a size
 * from the `width`/`height` settings where 0 means "the canvas", and one painted picture per canvas
 * size the overlay is drawn at. One input is an item on the main canvas and on extra canvases (a
 * vertical one) at once, and each canvas lays its items out in its own pixels, so a view for that
 * canvas (SourceRuntime.onCanvas) paints the same state at the canvas's size: a lower third keeps
 * to the vertical canvas's own safe area instead of the main canvas's layout spilling off it.
 * A picture is repainted only when what it shows changed since it was last painted.
 */
import type { Settings } from '../../../shared';
import { CanvasTexture, type Ctx2D } from './canvas-texture';
import { px } from './settings';
import type { Draw, SourceContext, SourceRuntime, SourceView } from './types';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A kind's own part: its state, what it shows now, and how to paint that at a size. */
export interface OverlayModel {
  update(settings: Settings): void;
  /** Makes what shows at wall time `now` current; a string that changes whenever the picture would. */
  key(now: number): string;
  /** Whether anything shows now (a hidden lower third draws nothing); absent = always. */
  shown?(): boolean;
  /** Paints what shows on a width × height canvas; answers where hits count (null: nowhere). */
  paint(ctx: Ctx2D, width: number, height: number): Box | null;
}

/** One canvas size's picture. */
interface Face {
  readonly tex: CanvasTexture;
  /** The refresh key the texture holds; '' = never painted. */
  painted: string;
  box: Box | null;
  /** When it was last drawn (a counter): the least recent goes first when there are too many. */
  used: number;
  view: SourceView;
}

/** The main canvas and at most four extra ones, and one more for a size that just changed. */
const MAX_FACES = 6;
/** Every this many draws, faces not drawn during the last as many are dropped. */
const SWEEP = 1024;

/** Wall-clock ms (the time base of clock_started_at and FrameInfo.wallMs). */
const wallNow = (): number => performance.timeOrigin + performance.now();

export function canvasOverlay(settings: Settings, ctx: SourceContext, model: OverlayModel): SourceRuntime {
  let w = 0;
  let h = 0;
  let version = 0;
  let key = '';
  let uses = 0;
  const faces = new Map<string, Face>();

  /** Works out what shows at `now`; a different picture than last time bumps the version. */
  const refresh = (now: number): void => {
    // The main canvas's size is in the key, so a filter chain over the main picture runs again when it changes.
    const k = `${model.key(now)}|${w}x${h}|${ctx.baseWidth()}x${ctx.baseHeight()}`;
    if (k === key) return;
    key = k;
    version++;
  };

  const inside = (b: Box | null, x: number, y: number): boolean => b !== null && x >= b.x && x < b.x + b.w && y >= b.y && y < b.y + b.h;

  const face = (width: number, height: number): Face => {
    const id = `${width}x${height}`;
    let f = faces.get(id);
    if (!f) {
      if (faces.size >= MAX_FACES) drop([...faces.entries()].reduce((a, b) => (b[1].used < a[1].used ? b : a))[0]);
      const made: Face = {
        tex: new CanvasTexture(ctx.gl),
        painted: '',
        box: null,
        used: 0,
        view: {
          width,
          height,
          get version() {
            refresh(wallNow());
            return version;
          },
          render: (draw) => render(made, width, height, draw),
          hits: (x, y) => (model.shown?.() ?? true) && inside(made.box, x, y),
        },
      };
      f = made;
      faces.set(id, f);
    }
    f.used = ++uses;
    // A size no canvas draws at any more (the canvas was resized, or is not composed now) lets its
    // texture go; it is painted again if that canvas comes back.
    if (uses % SWEEP === 0) for (const [id, g] of faces) if (uses - g.used > SWEEP) drop(id);
    return f;
  };

  const drop = (id: string): void => {
    faces.get(id)?.tex.dispose();
    faces.delete(id);
  };

  const render = (f: Face, width: number, height: number, draw: Draw): void => {
    // The real time, not the tick's: a capture may draw long after the last composed tick
    // (program unchanged), and a clock or animation must show now.
    refresh(wallNow());
    // Hidden: nothing drawn, and hits() says no; the texture and its box stay for a show of the same picture.
    if (!(model.shown?.() ?? true)) return;
    if (f.painted !== key) {
      f.painted = key;
      f.tex.paint(width, height, (c) => (f.box = model.paint(c, width, height)));
    }
    if (f.tex.texture) draw.texture(f.tex.texture);
  };

  const main = (): Face => face(w || ctx.baseWidth(), h || ctx.baseHeight());

  const rt: SourceRuntime = {
    get width() {
      return w || ctx.baseWidth();
    },
    get height() {
      return h || ctx.baseHeight();
    },
    get version() {
      refresh(wallNow());
      return version;
    },
    update(s) {
      w = px(s, 'width');
      h = px(s, 'height');
      model.update(s);
    },
    render(draw) {
      const f = main();
      render(f, f.view.width, f.view.height, draw);
    },
    hits(x, y) {
      return (model.shown?.() ?? true) && inside(main().box, x, y);
    },
    // A size set in settings is the same on every canvas, and so is its picture.
    onCanvas: (width, height) => face(w || width, h || height).view,
    dispose() {
      for (const id of [...faces.keys()]) drop(id);
    },
  };
  rt.update(settings);
  return rt;
}
