/**
 * Nested scenes and groups on the compositor (OBS: a scene is a source). Before a scene's items are
 * drawn, every enabled item that shows another scene gets that scene composed — its own nested
 * scenes first, down to MAX_NESTING — into a canvas-sized pooled target with a transparent
 * background (its items, then its scene filters). The item then draws that target like any source
 * picture, with its own transform, crop, visibility and blend mode. A scene shown by several items
 * is composed once per compose, and its inputs are uploaded once per tick as everywhere else (the
 * sources' own VideoFrames rule). Targets go back to the pool when the next compose starts.
 */
import { MAX_NESTING, type Scene, type StudioDocument } from '../../shared';
import type { Picture } from './filters';
import type { Target } from './gl/target';
import type { TargetPool } from './gl/target-pool';
import type { Draw } from './sources';
import { containsPoint, withBoundsCrop } from './transform';

export interface NestedHost {
  readonly gl: WebGL2RenderingContext;
  doc(): StudioDocument | null;
  pool(): TargetPool | null;
  width(): number;
  height(): number;
  /** Makes the filtered pictures of a scene's own input items current (FilterStage.prepare). */
  prepareInputs(scene: Scene): void;
  /** Draws a scene's items into the bound target. */
  drawItems(scene: Scene): void;
  /** Runs the scene's filters over its composed target. */
  applySceneFilters(scene: Scene, target: Target): void;
  /** What an item of this source draws (for a group's hit test). */
  picture(uuid: string): Picture | null;
}

/** The picture of a composed nested scene or group: canvas-sized. */
class NestedPicture implements Picture {
  constructor(
    private readonly owner: NestedScenes,
    private readonly uuid: string,
  ) {}

  get width(): number {
    return this.owner.host.width();
  }

  get height(): number {
    return this.owner.host.height();
  }

  render(draw: Draw): void {
    const t = this.owner.target(this.uuid);
    if (t) draw.texture(t.texture);
  }

  /**
   * A group is hit where one of its items is (OBS selects a group by its items' box); a nested
   * scene anywhere on its canvas. (x, y) are in the scene's own canvas pixels.
   */
  hits(x: number, y: number): boolean {
    const scene = this.owner.scene(this.uuid);
    if (!scene?.isGroup) return true;
    return scene.items.some((i) => {
      if (!i.enabled) return false;
      const p = this.owner.host.picture(i.sourceUuid);
      return !!p && containsPoint(withBoundsCrop(i.transform, p.width, p.height), p.width, p.height, x, y);
    });
  }
}

export class NestedScenes {
  private readonly targets = new Map<string, Target>();
  private readonly pictures = new Map<string, NestedPicture>();

  constructor(readonly host: NestedHost) {}

  scene(uuid: string): Scene | undefined {
    return this.host.doc()?.scenes.find((s) => s.uuid === uuid);
  }

  target(uuid: string): Target | undefined {
    return this.targets.get(uuid);
  }

  /** The picture an item showing scene `uuid` draws, or null when `uuid` is not a scene. */
  picture(uuid: string): Picture | null {
    if (!this.scene(uuid)) return null;
    let p = this.pictures.get(uuid);
    if (!p) {
      p = new NestedPicture(this, uuid);
      this.pictures.set(uuid, p);
    }
    return p;
  }

  /**
   * Composes every scene `scene` shows (enabled items, nested scenes deepest first). True when it
   * drew off-screen, so the caller binds its own target again.
   */
  prepare(scene: Scene): boolean {
    this.release();
    return this.prepareChildren(scene, 1, new Set([scene.uuid]));
  }

  private prepareChildren(scene: Scene, depth: number, path: Set<string>): boolean {
    let drew = false;
    for (const item of scene.items) {
      if (!item.enabled || this.targets.has(item.sourceUuid) || path.has(item.sourceUuid)) continue;
      const child = this.scene(item.sourceUuid);
      if (!child || depth > MAX_NESTING) continue;
      const pool = this.host.pool();
      if (!pool) return drew;
      path.add(child.uuid);
      this.prepareChildren(child, depth + 1, path);
      path.delete(child.uuid);
      this.host.prepareInputs(child);
      const t = pool.acquire(this.host.width(), this.host.height());
      const gl = this.host.gl;
      gl.bindFramebuffer(gl.FRAMEBUFFER, t.framebuffer);
      gl.viewport(0, 0, this.host.width(), this.host.height());
      gl.disable(gl.BLEND);
      // Transparent: what the nested scene does not cover shows what is under its item.
      gl.clearColor(0, 0, 0, 0);
      gl.clear(gl.COLOR_BUFFER_BIT);
      gl.enable(gl.BLEND);
      gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
      this.host.drawItems(child);
      this.host.applySceneFilters(child, t);
      this.targets.set(child.uuid, t);
      drew = true;
    }
    return drew;
  }

  /** Gives this compose's targets back to the pool. */
  release(): void {
    const pool = this.host.pool();
    for (const t of this.targets.values()) pool?.release(t);
    this.targets.clear();
    // Pictures of scenes that are gone are dropped; the rest are reused.
    for (const uuid of this.pictures.keys()) if (!this.scene(uuid)) this.pictures.delete(uuid);
  }

  /** Drops everything without touching GL (the context was lost with its targets). */
  forget(): void {
    this.targets.clear();
  }
}
