/**
 * One source's (or scene's) video filters, in document order. Each enabled filter owns one output
 * target from the pool and re-runs only when its input changed (a new serial from upstream), its
 * settings changed, its runtime says it moved on its own (version), or it is animated; otherwise
 * its cached output is reused as it is. Disabled filters and kinds without a GPU runtime (audio
 * filters, kinds this build lacks) pass their input through.
 */
import type { Filter } from '../../../shared';
import type { Target } from '../gl/target';
import type { FrameInfo } from '../sources';
import type { FilterGl } from './gl';
import { filterKind } from './registry';
import type { FilterContext, FilterRuntime, PointOp, Size, Tex } from './types';

interface Entry {
  name: string;
  kind: string;
  enabled: boolean;
  /** JSON of the settings the runtime has; documents arrive as new objects every time. */
  key: string;
  rt: FilterRuntime | null;
  out: Target | null;
  /** What the cached output was made from: upstream serial, settings, runtime version. */
  ranOn: number;
  ranKey: string;
  ranVersion: number | undefined;
  serial: number;
}

/** Every picture a chain makes gets a new serial, so downstream can tell "changed" from "same". */
let serials = 0;
export const nextSerial = (): number => ++serials;

export class FilterChain {
  private entries: Entry[] = [];

  constructor(
    private readonly fx: FilterGl,
    private readonly ctx: FilterContext,
    /** Whose chain this is, for warnings. */
    private readonly owner: string,
  ) {}

  /** Matches the runtimes to the document's list: same name and kind keeps a runtime. */
  sync(filters: readonly Filter[]): void {
    const old = new Map(this.entries.map((e) => [e.name, e]));
    const next: Entry[] = [];
    for (const f of filters) {
      const kind = filterKind(f.kind);
      if (!kind) continue;
      const key = JSON.stringify(f.settings);
      const cur = old.get(f.name);
      if (cur && cur.kind === f.kind) {
        old.delete(f.name);
        cur.enabled = f.enabled;
        if (cur.key !== key) {
          cur.key = key;
          cur.rt?.update(f.settings);
        }
        next.push(cur);
        continue;
      }
      let rt: FilterRuntime | null = null;
      try {
        rt = kind.create(f.settings, this.ctx);
      } catch (err) {
        this.ctx.warnOnce(`filter:${this.owner}:${f.name}`, `Compositor: filter "${f.name}" (${f.kind}) failed to start (${String(err)}).`, 'notice');
      }
      next.push({ name: f.name, kind: f.kind, enabled: f.enabled, key, rt, out: null, ranOn: -1, ranKey: '', ranVersion: undefined, serial: 0 });
    }
    for (const e of old.values()) this.drop(e);
    this.entries = next;
    // A disabled filter gives its target back; it is reallocated if turned on again.
    for (const e of this.entries) if (!e.enabled && e.out) this.release(e);
  }

  /** Whether any filter would change the picture. */
  get active(): boolean {
    return this.entries.some((e) => e.enabled && e.rt);
  }

  /** Whether any enabled filter changes with time alone (then the picture changes every tick). */
  get animated(): boolean {
    return this.entries.some((e) => e.enabled && e.rt?.animated());
  }

  /**
   * Moves when a runtime's own version does (a mask finished loading); settings changes come with
   * a new document, which the compositor already counts as a change.
   */
  get version(): number {
    let v = 0;
    for (const e of this.entries) if (e.enabled && e.rt) v = (v * 31 + (e.rt.version ?? 0) + 1) % 1_000_000_007;
    return v;
  }

  /** The chain's output size for an input of w × h. */
  size(w: number, h: number): Size {
    let s: Size = { width: w, height: h };
    for (const e of this.entries) {
      if (!e.enabled || !e.rt || s.width <= 0 || s.height <= 0) continue;
      s = e.rt.size(s.width, s.height);
    }
    return s;
  }

  /** Whether an input whose alpha is 1 everywhere comes out so, through every filter that runs. */
  keepsOpaque(): boolean {
    return this.entries.every((e) => !e.enabled || !e.rt || e.rt.keepsOpaque?.() === true);
  }

  /**
   * The first filter that runs, as a per-pixel step, when it is one (see PointOp): a source may run
   * it while making its picture, and then the chain starts after it (`run`'s `skip`).
   */
  lead(): PointOp | null {
    const first = this.entries.find((e) => e.enabled && e.rt);
    return first?.rt?.point?.() ?? null;
  }

  /**
   * Runs the enabled filters over `input` (made at serial `serial`); answers the last output and
   * its serial, or the input itself when nothing ran. A size of 0 ends the chain with nothing.
   * `skip`: how many of the first filters the input has been through already (a fused lead).
   */
  run(input: Tex, serial: number, frame: FrameInfo, skip = 0): { tex: Tex; serial: number } | null {
    let tex = input;
    let at = serial;
    let skipped = 0;
    for (const e of this.entries) {
      if (!e.enabled || !e.rt) continue;
      if (skipped < skip) {
        skipped++;
        // Its own output is not needed while it runs elsewhere; it is made again if that stops.
        if (e.out) this.release(e);
        continue;
      }
      const size = e.rt.size(tex.width, tex.height);
      const w = Math.round(size.width);
      const h = Math.round(size.height);
      if (w <= 0 || h <= 0) return null;
      if (!e.out || e.out.width !== w || e.out.height !== h) {
        this.release(e);
        e.out = this.fx.pool.acquire(w, h);
      }
      const version = e.rt.version;
      if (e.ranOn !== at || e.ranKey !== e.key || e.ranVersion !== version || e.rt.animated()) {
        try {
          e.rt.render(this.fx, tex, e.out, frame);
        } catch (err) {
          this.ctx.warnOnce(`filter:${this.owner}:${e.name}:render`, `Compositor: filter "${e.name}" failed to render (${String(err)}).`, 'notice');
        }
        e.ranOn = at;
        e.ranKey = e.key;
        e.ranVersion = version;
        e.serial = nextSerial();
      }
      tex = e.out;
      at = e.serial;
    }
    return { tex, serial: at };
  }

  dispose(): void {
    for (const e of this.entries) this.drop(e);
    this.entries = [];
  }

  private release(e: Entry): void {
    this.fx.pool.release(e.out);
    e.out = null;
    e.ranOn = -1;
  }

  private drop(e: Entry): void {
    this.release(e);
    e.rt?.dispose();
  }
}
