/**
 * The engine's view of scene transitions: when program changes scene, the current transition
 * starts (transition.started) and, its duration later on the engine clock, ends (transition.ended)
 * — what obs-websocket's SceneTransitionStarted / Ended / VideoEnded and the T-bar cursor report.
 * Renderers draw the transition themselves from the document and the same duration; nothing here
 * runs per frame. A switch during a transition ends the running one first.
 */
import { DEFAULT_TRANSITION, type StudioDocument, type StudioEvent } from '../shared';
import type { Clock, Disposable, TimerHandle } from './api';

export interface TransitionClockDeps {
  subscribe(listener: (event: StudioEvent) => void): Disposable;
  document(): StudioDocument;
  emit(event: StudioEvent): void;
  clock: Clock;
}

interface Running {
  to: string;
  kind: string;
  startedAt: number;
  durationMs: number;
  timer: TimerHandle | null;
}

export class TransitionClock {
  private running: Running | null = null;
  private program: string;
  private readonly sub: Disposable;

  constructor(private readonly deps: TransitionClockDeps) {
    this.program = deps.document().currentSceneUuid;
    this.sub = deps.subscribe((event) => {
      if (event.type === 'scene.currentChanged') this.switched(event.data.sceneUuid);
    });
  }

  /** 0..1 through the running transition; 1 when none runs (OBS's transition cursor). */
  cursor(): number {
    const r = this.running;
    if (!r || r.durationMs <= 0) return 1;
    return Math.min(1, Math.max(0, (this.deps.clock.now() - r.startedAt) / r.durationMs));
  }

  dispose(): void {
    this.sub.dispose();
    if (this.running?.timer) this.deps.clock.clearTimeout(this.running.timer);
    this.running = null;
  }

  private switched(to: string): void {
    const from = this.program;
    this.program = to;
    if (from === to) return;
    if (this.running) this.end();
    const t = this.deps.document().transition ?? DEFAULT_TRANSITION;
    // A scene that was removed cannot be mixed out of: renderers cut then, and so does the clock.
    const gone = !this.deps.document().scenes.some((s) => s.uuid === from);
    const durationMs = t.kind === 'cut_transition' || gone ? 0 : t.durationMs;
    this.deps.emit({ type: 'transition.started', data: { toSceneUuid: to, fromSceneUuid: from, kind: t.kind, durationMs } });
    if (durationMs === 0) {
      // A cut is over as it starts: both events at once, in order, with no timer to wait for.
      this.deps.emit({ type: 'transition.ended', data: { toSceneUuid: to, kind: t.kind } });
      return;
    }
    const running: Running = { to, kind: t.kind, startedAt: this.deps.clock.now(), durationMs, timer: null };
    this.running = running;
    running.timer = this.deps.clock.setTimeout(() => {
      running.timer = null;
      if (this.running === running) this.end();
    }, durationMs);
  }

  private end(): void {
    const r = this.running;
    if (!r) return;
    if (r.timer) this.deps.clock.clearTimeout(r.timer);
    this.running = null;
    this.deps.emit({ type: 'transition.ended', data: { toSceneUuid: r.to, kind: r.kind } });
  }
}
