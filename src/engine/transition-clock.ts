/**
 * The engine's view of scene transitions: when program changes scene, the transition into that
 * scene starts (transition.started) and, its duration later on the engine clock, ends
 * (transition.ended) — what obs-websocket's SceneTransitionStarted / Ended / VideoEnded and the
 * T-bar cursor report. Renderers draw the transition themselves from the document and the same
 * duration; nothing here runs per frame. A switch during a transition ends the running one first.
 *
 * The T-bar (SetTBarPosition, studio mode only, as OBS): the first move grabs a manual transition
 * from program to preview (the preview scene's override, else the current transition; a cut or a
 * stinger gives way to a Fade, as in OBS) and emits transition.started; each move sends
 * transition.manual with the position, which renderers draw. A release within OBS's clamp of the
 * top runs the take (program becomes the preview scene, no timed transition after it) and ends the
 * transition; within the clamp of the bottom it cancels (program stays) and ends it; anywhere
 * between, the bar stays where it was left, as OBS's does.
 */
import {
  NOT_MANUAL_TRANSITIONS,
  STINGER_TRANSITION,
  stingerPointMs,
  Status,
  TBAR_CLAMP,
  TBAR_STEPS,
  fail,
  ok,
  settingsInUse,
  transitionInto,
  type Result,
  type Settings,
  type StudioDocument,
  type StudioEvent,
} from '../shared';
import type { Clock, Disposable, TimerHandle } from './api';

export interface TransitionClockDeps {
  subscribe(listener: (event: StudioEvent) => void): Disposable;
  document(): StudioDocument;
  emit(event: StudioEvent): void;
  clock: Clock;
  /** Studio mode's take (studio.take), run by a T-bar released at the top. */
  take?(): Promise<Result<unknown>>;
  /** A video file's length (ffprobe), for a stinger; null when it cannot be read. */
  probeDurationMs?(file: string): Promise<number | null>;
}

interface Running {
  to: string;
  kind: string;
  startedAt: number;
  /** The whole transition (a stinger: its video), for the cursor. */
  durationMs: number;
  timer: TimerHandle | null;
  /** A stinger's video plays on after its transition point (SceneTransitionVideoEnded). */
  videoTimer: TimerHandle | null;
}

interface Manual {
  from: string;
  to: string;
  kind: string;
  settings: Settings;
  position: number;
}

export class TransitionClock {
  private running: Running | null = null;
  private manual: Manual | null = null;
  /** Stinger videos' lengths by file (null: unreadable); probes under way in `probing`. */
  private readonly videoMs = new Map<string, number | null>();
  private readonly probing = new Map<string, Promise<number | null>>();
  private program: string;
  private readonly sub: Disposable;

  constructor(private readonly deps: TransitionClockDeps) {
    this.program = deps.document().currentSceneUuid;
    this.probeStingers();
    this.sub = deps.subscribe((event) => {
      if (event.type === 'document.changed') this.probeStingers();
      if (event.type === 'scene.currentChanged') this.switched(event.data.sceneUuid);
      // A T-bar follows studio mode and the preview it grabbed: leaving either cancels it.
      else if (event.type === 'studio.modeChanged' && !event.data.enabled) this.cancelManual();
      else if (event.type === 'scene.previewChanged' && this.manual && event.data.sceneUuid !== this.manual.to) this.cancelManual();
    });
  }

  /** 0..1 through the running transition (the T-bar's position while one is held); 1 when none runs. */
  cursor(): number {
    if (this.manual) return this.manual.position;
    const r = this.running;
    if (!r || r.durationMs <= 0) return 1;
    return Math.min(1, Math.max(0, (this.deps.clock.now() - r.startedAt) / r.durationMs));
  }

  /** Whether a timed transition is running (a stinger: until its video ends); a held T-bar is not one. */
  busy(): boolean {
    return this.running !== null;
  }

  /** What a renderer that connects now must know: a T-bar held part-way. */
  replay(): StudioEvent[] {
    return this.manual ? [this.manualEvent(this.manual, 'moving')] : [];
  }

  /** SetTBarPosition: `position` 0..1; `release` as a user letting go of the bar (see the header). */
  async tbar(position: number, release: boolean): Promise<Result<null>> {
    const doc = this.deps.document();
    if (!doc.studioMode) return fail(Status.StudioModeNotActive, 'The T-bar moves a transition only in studio mode; enable studio mode first.');
    if (!(position >= 0 && position <= 1)) return fail(Status.OutOfRange, 'The T-bar position must be between 0 and 1.', 'position');
    let m = this.manual;
    if (!m) {
      const to = doc.previewSceneUuid;
      if (to === doc.currentSceneUuid) {
        return fail(Status.InvalidResourceState, 'Preview and program show the same scene; put another scene on preview before moving the T-bar.');
      }
      if (this.running) this.end();
      const t = transitionInto(doc, to);
      const usable = !NOT_MANUAL_TRANSITIONS.includes(t.kind);
      m = { from: doc.currentSceneUuid, to, kind: usable ? t.kind : 'fade_transition', settings: usable ? t.settings : {}, position: 0 };
      this.manual = m;
      this.deps.emit({ type: 'transition.started', data: { toSceneUuid: m.to, fromSceneUuid: m.from, kind: m.kind, durationMs: 0 } });
    }
    m.position = position;
    this.deps.emit(this.manualEvent(m, 'moving'));
    if (!release) return ok(null);
    const steps = Math.round(position * TBAR_STEPS);
    if (TBAR_STEPS - steps <= TBAR_CLAMP) {
      m.position = 1;
      const taken = this.deps.take ? await this.deps.take() : fail(Status.RequestProcessingFailed, 'This studio cannot take.');
      // The take's program switch finishes the manual transition (switched); anything else cancels it.
      if (this.manual === m) this.cancelManual();
      return taken.ok ? ok(null) : taken;
    }
    if (steps <= TBAR_CLAMP) this.cancelManual();
    return ok(null);
  }

  dispose(): void {
    this.sub.dispose();
    if (this.running?.timer) this.deps.clock.clearTimeout(this.running.timer);
    if (this.running?.videoTimer) this.deps.clock.clearTimeout(this.running.videoTimer);
    this.running = null;
    this.manual = null;
  }

  private manualEvent(m: Manual, state: 'moving' | 'done' | 'cancelled'): StudioEvent {
    return {
      type: 'transition.manual',
      data: { fromSceneUuid: m.from, toSceneUuid: m.to, kind: m.kind, settings: m.settings, position: m.position, state },
    };
  }

  private cancelManual(): void {
    const m = this.manual;
    if (!m) return;
    this.manual = null;
    this.deps.emit(this.manualEvent(m, 'cancelled'));
    this.deps.emit({ type: 'transition.ended', data: { toSceneUuid: m.to, kind: m.kind } });
  }

  private switched(to: string): void {
    const from = this.program;
    this.program = to;
    if (from === to) return;
    const m = this.manual;
    if (m) {
      this.manual = null;
      if (m.to === to) {
        // The T-bar's take: the picture is already the new scene, so no timed transition follows.
        m.position = 1;
        this.deps.emit(this.manualEvent(m, 'done'));
        this.deps.emit({ type: 'transition.ended', data: { toSceneUuid: to, kind: m.kind } });
        return;
      }
      this.deps.emit(this.manualEvent(m, 'cancelled'));
      this.deps.emit({ type: 'transition.ended', data: { toSceneUuid: m.to, kind: m.kind } });
    }
    if (this.running) this.end();
    const doc = this.deps.document();
    const d = { fps: doc.video.fpsNumerator / doc.video.fpsDenominator };
    const t = transitionInto(doc, to);
    // A scene that was removed cannot be mixed out of: renderers cut then, and so does the clock.
    const gone = !doc.scenes.some((s) => s.uuid === from);
    const stinger = t.kind === STINGER_TRANSITION.id;
    // A stinger ends (cuts) at its transition point and lasts as long as its video; with no video
    // known it is over at the point.
    const v = d.fps > 0 && stinger ? this.videoMs.get(String(t.settings['path'] ?? '')) : undefined;
    const pointMs = stinger ? Math.round(stingerPointMs(t.settings, d.fps)) : 0;
    const videoMs = stinger ? Math.max(pointMs, v ?? pointMs) : 0;
    const endMs = gone || t.kind === 'cut_transition' ? 0 : stinger ? pointMs : t.durationMs;
    const durationMs = gone ? 0 : stinger ? videoMs : endMs;
    this.deps.emit({ type: 'transition.started', data: { toSceneUuid: to, fromSceneUuid: from, kind: t.kind, durationMs } });
    if (durationMs === 0) {
      // A cut is over as it starts: both events at once, in order, with no timer to wait for.
      this.deps.emit({ type: 'transition.ended', data: { toSceneUuid: to, kind: t.kind } });
      if (stinger) this.deps.emit({ type: 'transition.videoEnded', data: { toSceneUuid: to, kind: t.kind } });
      return;
    }
    const running: Running = { to, kind: t.kind, startedAt: this.deps.clock.now(), durationMs, timer: null, videoTimer: null };
    this.running = running;
    // A stinger whose video was not measured yet (a one-switch replay transition chosen just now):
    // its VideoEnded moves to the video's end once the probe answers.
    const file = String(t.settings['path'] ?? '');
    if (stinger && !gone && v === undefined && file) {
      void this.probe(file).then((ms) => {
        if (ms !== null) this.lengthKnown(running, Math.max(pointMs, ms));
      });
    }
    const ended = (): void => {
      running.timer = null;
      this.deps.emit({ type: 'transition.ended', data: { toSceneUuid: running.to, kind: running.kind } });
      if (!running.videoTimer && this.running === running) this.running = null;
    };
    if (endMs === 0) ended();
    else running.timer = this.deps.clock.setTimeout(ended, endMs);
    if (stinger) {
      running.videoTimer = this.deps.clock.setTimeout(() => {
        running.videoTimer = null;
        this.deps.emit({ type: 'transition.videoEnded', data: { toSceneUuid: running.to, kind: running.kind } });
        if (!running.timer && this.running === running) this.running = null;
      }, videoMs);
    }
  }

  /** A running stinger's video length, learnt after it started: its VideoEnded timer moves there. */
  private lengthKnown(running: Running, videoMs: number): void {
    if (this.running !== running || !running.videoTimer) return;
    this.deps.clock.clearTimeout(running.videoTimer);
    running.durationMs = videoMs;
    running.videoTimer = this.deps.clock.setTimeout(
      () => {
        running.videoTimer = null;
        this.deps.emit({ type: 'transition.videoEnded', data: { toSceneUuid: running.to, kind: running.kind } });
        if (!running.timer && this.running === running) this.running = null;
      },
      Math.max(0, running.startedAt + videoMs - this.deps.clock.now()),
    );
  }

  /** Ends the running transition now (a new switch): what it still owed is emitted, in order. */
  private end(): void {
    const r = this.running;
    if (!r) return;
    this.running = null;
    if (r.timer) {
      this.deps.clock.clearTimeout(r.timer);
      r.timer = null;
      this.deps.emit({ type: 'transition.ended', data: { toSceneUuid: r.to, kind: r.kind } });
    }
    if (r.videoTimer) {
      this.deps.clock.clearTimeout(r.videoTimer);
      r.videoTimer = null;
      this.deps.emit({ type: 'transition.videoEnded', data: { toSceneUuid: r.to, kind: r.kind } });
    }
  }

  /**
   * Learns the length of every stinger video the document may run: the Stinger's own (when it is
   * the current transition or a scene's override) and a one-switch transition's.
   */
  private probeStingers(): void {
    const doc = this.deps.document();
    const once = doc.switchTransition;
    for (const settings of [settingsInUse(doc, STINGER_TRANSITION.id), once?.kind === STINGER_TRANSITION.id ? once.settings : null]) {
      const file = settings?.['path'];
      if (typeof file === 'string' && file) void this.probe(file);
    }
  }

  /** A stinger video's length, probed once per file (null: unreadable, or no prober). */
  private probe(file: string): Promise<number | null> {
    const known = this.videoMs.get(file);
    if (known !== undefined) return Promise.resolve(known);
    let p = this.probing.get(file);
    if (!p) {
      const prober = this.deps.probeDurationMs;
      const settle = (ms: number | null): number | null => {
        this.videoMs.set(file, ms);
        this.probing.delete(file);
        return ms;
      };
      p = (prober ? prober(file) : Promise.resolve(null)).then(settle, () => settle(null));
      this.probing.set(file, p);
    }
    return p;
  }
}
