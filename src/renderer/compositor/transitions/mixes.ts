/**
 * The built-in transitions (OBS's ids): fade, fade to a color with its switch point, slide and
 * swipe in four directions. Each is one pass over the old scene (u_src) and the new one (u_aux0);
 * pictures are top-down, so "up" moves content towards row 0.
 */
import { transitionInto, type Settings, type StudioDocument } from '../../../shared';
import { abgrToPremultiplied } from '../color';
import { FS_HEAD } from '../filters/gl';
import { bool, num, str } from '../sources/settings';
import { lumaWipeTransition } from './luma';
import { stingerTransition } from './stinger';
import type { TransitionKind } from './types';

const FADE_FS = `${FS_HEAD}
uniform sampler2D u_aux0;
uniform float u_t;
void main() { o = mix(texture(u_src, v_uv), texture(u_aux0, v_uv), u_t); }
`;

const TO_COLOR_FS = `${FS_HEAD}
uniform sampler2D u_aux0;
uniform float u_t;
uniform float u_switch;
uniform vec4 u_color;
void main() {
  if (u_t < u_switch) o = mix(texture(u_src, v_uv), u_color, u_switch > 0.0 ? u_t / u_switch : 1.0);
  else o = mix(u_color, texture(u_aux0, v_uv), u_switch < 1.0 ? (u_t - u_switch) / (1.0 - u_switch) : 1.0);
}
`;

/** u_dir: the way content moves, in uv per unit of t ((-1,0) = left, (0,-1) = up). */
const SLIDE_FS = `${FS_HEAD}
uniform sampler2D u_aux0;
uniform float u_t;
uniform vec2 u_dir;
void main() {
  vec2 a = v_uv - u_dir * u_t;
  vec2 b = a + u_dir;
  bool inA = all(greaterThanEqual(a, vec2(0.0))) && all(lessThanEqual(a, vec2(1.0)));
  o = inA ? texture(u_src, a) : texture(u_aux0, b);
}
`;

/** Swipe out: the old scene moves away over the new one; swipe in: the new one moves in over the old. */
const SWIPE_FS = `${FS_HEAD}
uniform sampler2D u_aux0;
uniform float u_t;
uniform vec2 u_dir;
uniform bool u_in;
bool inside(vec2 p) { return all(greaterThanEqual(p, vec2(0.0))) && all(lessThanEqual(p, vec2(1.0))); }
void main() {
  if (u_in) {
    vec2 b = v_uv - u_dir * (u_t - 1.0);
    o = inside(b) ? texture(u_aux0, b) : texture(u_src, v_uv);
  } else {
    vec2 a = v_uv - u_dir * u_t;
    o = inside(a) ? texture(u_src, a) : texture(u_aux0, v_uv);
  }
}
`;

const DIRS: Record<string, [number, number]> = { left: [-1, 0], right: [1, 0], up: [0, -1], down: [0, 1] };

const color = new Float32Array(4);

export const fadeTransition: TransitionKind = {
  id: 'fade_transition',
  mix(fx, from, to, out, t) {
    fx.pass(fx.program(FADE_FS), from, out, (p) => fx.gl.uniform1f(p.u('u_t'), t), [to.texture]);
  },
};

export const fadeToColorTransition: TransitionKind = {
  id: 'fade_to_color_transition',
  mix(fx, from, to, out, t, s) {
    abgrToPremultiplied(num(s, 'color', 0xff000000), color);
    const sw = Math.min(100, Math.max(0, num(s, 'switch_point', 50))) / 100;
    fx.pass(
      fx.program(TO_COLOR_FS),
      from,
      out,
      (p) => {
        fx.gl.uniform1f(p.u('u_t'), t);
        fx.gl.uniform1f(p.u('u_switch'), sw);
        fx.gl.uniform4fv(p.u('u_color'), color);
      },
      [to.texture],
    );
  },
};

export const slideTransition: TransitionKind = {
  id: 'slide_transition',
  mix(fx, from, to, out, t, s) {
    const d = DIRS[str(s, 'direction', 'left')] ?? DIRS.left!;
    fx.pass(
      fx.program(SLIDE_FS),
      from,
      out,
      (p) => {
        fx.gl.uniform1f(p.u('u_t'), t);
        fx.gl.uniform2f(p.u('u_dir'), d[0], d[1]);
      },
      [to.texture],
    );
  },
};

export const swipeTransition: TransitionKind = {
  id: 'swipe_transition',
  mix(fx, from, to, out, t, s) {
    const d = DIRS[str(s, 'direction', 'left')] ?? DIRS.left!;
    const swipeIn = bool(s, 'swipe_in', false);
    fx.pass(
      fx.program(SWIPE_FS),
      from,
      out,
      (p) => {
        fx.gl.uniform1f(p.u('u_t'), t);
        fx.gl.uniform2f(p.u('u_dir'), d[0], d[1]);
        fx.gl.uniform1i(p.u('u_in'), swipeIn ? 1 : 0);
      },
      [to.texture],
    );
  },
};

const KINDS = new Map<string, TransitionKind>(
  [fadeTransition, fadeToColorTransition, slideTransition, swipeTransition, lumaWipeTransition, stingerTransition].map((k) => [k.id, k]),
);

/** The runtime for a transition kind; undefined for a cut (and kinds without one: they cut). */
export const transitionKind = (id: string): TransitionKind | undefined => KINDS.get(id);

/**
 * The transition an extra canvas runs into scene `to`: the one the main program would (the scene's
 * override, else the current transition), or null (a cut). A stinger's video plays once, for the
 * main program, so a canvas cuts where the program plays a stinger.
 */
export function canvasTransitionTo(doc: StudioDocument, to: string): { kind: string; settings: Settings; durationMs: number } | null {
  const t = transitionInto(doc, to);
  const kind = KINDS.get(t.kind);
  if (!kind || kind.start || t.durationMs <= 0) return null;
  return { kind: t.kind, settings: t.settings, durationMs: t.durationMs };
}
