/**
 * Offscreen RGBA8 targets shared by everything that renders off-screen (filter chains, scene
 * passes), keyed by size: a size that is released is handed out again, so steady rendering
 * allocates nothing per frame. Targets sample LINEAR, since filter outputs are drawn scaled.
 */
import { createTarget, deleteTarget, type Target } from './target';

/** Free targets kept per size; beyond this a released one is deleted. */
const KEEP_PER_SIZE = 4;

export class TargetPool {
  private readonly free = new Map<string, Target[]>();
  private live = 0;

  constructor(private readonly gl: WebGL2RenderingContext) {}

  acquire(width: number, height: number): Target {
    const list = this.free.get(key(width, height));
    const reused = list?.pop();
    if (reused) return reused;
    const gl = this.gl;
    const t = createTarget(gl, width, height);
    gl.bindTexture(gl.TEXTURE_2D, t.texture);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.LINEAR);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.LINEAR);
    this.live++;
    return t;
  }

  release(t: Target | null): void {
    if (!t) return;
    const k = key(t.width, t.height);
    const list = this.free.get(k) ?? [];
    if (list.length >= KEEP_PER_SIZE) {
      deleteTarget(this.gl, t);
      this.live--;
      return;
    }
    list.push(t);
    this.free.set(k, list);
  }

  /** Targets created and not deleted (handed out or free), for tests and stats. */
  get allocated(): number {
    return this.live;
  }

  dispose(): void {
    for (const list of this.free.values()) for (const t of list) deleteTarget(this.gl, t);
    this.free.clear();
    this.live = 0;
  }
}

const key = (w: number, h: number): string => `${w}x${h}`;
