/**
 * Says once, in the page's log, how a video source's frames reach the GPU: as YUV planes converted
 * on the GPU, or uploaded from the element or the track's frame (and why). On a machine without a
 * GPU the second way costs the page about a core at 1080p, so a slow studio's log says why.
 */
export class FramePathReport {
  private since = performance.now();
  private said = false;

  /** `label` names the source, e.g. `Media "Clip"`. */
  constructor(private readonly label: string) {}

  private saidFused = false;

  /** A new file or device: say it again for that one. */
  reset(): void {
    this.since = performance.now();
    this.said = false;
    this.saidFused = false;
  }

  /** The source's first filter ran in its frames' conversion (a PointOp): said once. */
  fused(): void {
    if (this.saidFused) return;
    this.saidFused = true;
    console.info(`${this.label}: its first filter runs in the frames' conversion, not in a pass of its own.`);
  }

  /**
   * `path` is the frames' way now ('planes', `element: <why>`, null before a picture). The planes
   * are said as soon as they are used; the other way only after a second, as the first picture
   * after a start comes that way while the first planes are copied.
   */
  check(path: string | null): void {
    if (this.said || path === null) return;
    if (path !== 'planes' && performance.now() - this.since < 1000) return;
    this.said = true;
    const how = path === 'planes' ? 'read as YUV planes and converted on the GPU' : `uploaded from the element (${path.replace(/^element: /, '')})`;
    console.info(`${this.label}: frames are ${how}.`);
  }
}
