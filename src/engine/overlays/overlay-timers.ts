/**
 * The engine's side of live graphics, where a decision must be taken once for every renderer:
 *   - a lower third with auto_hide_s > 0 is hidden (visible: false) that long after it was shown
 *     or stepped to another entry;
 *   - a countdown on program whose end_action is "switch_scene" puts end_scene on program at zero;
 *   - a stopwatch (scoreboard or countdown clock) started or stopped by a client that sent only
 *     clock_running gets its clock_started_at / clock_ms filled in, so any obs-websocket tool can
 *     start and stop a clock with one plain SetInputSettings.
 * Renderers draw from settings and wall time alone; nothing here runs per frame.
 */
import {
  COUNTDOWN_TIMER,
  LOWER_THIRD,
  STOPWATCH_KINDS,
  countdownEndAt,
  lowerThirdEntry,
  readStopwatch,
  shownSources,
  startPatch,
  stopPatch,
  type CommandResult,
  type CommandType,
  type Input,
  type Result,
  type Settings,
  type StudioDocument,
  type StudioEvent,
} from '../../shared';
import type { Clock, Disposable, Logger, TimerHandle } from '../api';

export interface OverlayTimersDeps {
  subscribe(listener: (event: StudioEvent) => void): Disposable;
  document(): StudioDocument;
  execute<T extends CommandType>(type: T, args: unknown): Promise<Result<CommandResult<T>>>;
  /** Timers (fake in tests). */
  clock: Clock;
  /** Wall time in ms since the epoch, the time base of clock_started_at and countdown ends. */
  wallNow(): number;
  logger: Logger;
}

interface Pending {
  /** What the timer was set for; a different key replaces it. */
  key: string;
  handle: TimerHandle;
}

/** setTimeout's own ceiling (about 24.8 days); longer waits are re-armed on the next change. */
const MAX_DELAY = 2 ** 31 - 1;

export class OverlayTimers {
  private readonly hides = new Map<string, Pending>();
  private readonly ends = new Map<string, Pending>();
  /** The stopwatch fields each input had at the last document, to see what a change touched. */
  private readonly watches = new Map<string, Settings>();
  private readonly sub: Disposable;
  private disposed = false;

  constructor(private readonly deps: OverlayTimersDeps) {
    this.sub = deps.subscribe((e) => {
      if (e.type === 'document.changed') this.sync(e.data.document);
    });
    this.sync(deps.document());
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.sub.dispose();
    for (const p of [...this.hides.values(), ...this.ends.values()]) this.deps.clock.clearTimeout(p.handle);
    this.hides.clear();
    this.ends.clear();
  }

  private sync(doc: StudioDocument): void {
    if (this.disposed) return;
    const seen = new Set<string>();
    for (const input of doc.inputs) {
      seen.add(input.uuid);
      if (input.kind === LOWER_THIRD.id) this.syncHide(input);
      if (input.kind === COUNTDOWN_TIMER.id) this.syncEnd(input);
      if (STOPWATCH_KINDS.has(input.kind)) this.fillStopwatch(input);
    }
    for (const map of [this.hides, this.ends]) {
      for (const [uuid, p] of map) {
        if (seen.has(uuid)) continue;
        this.deps.clock.clearTimeout(p.handle);
        map.delete(uuid);
      }
    }
    for (const uuid of this.watches.keys()) if (!seen.has(uuid)) this.watches.delete(uuid);
  }

  private arm(map: Map<string, Pending>, uuid: string, key: string | null, delayMs: number, fire: () => void): void {
    const cur = map.get(uuid);
    if (cur && cur.key === key) return;
    if (cur) this.deps.clock.clearTimeout(cur.handle);
    map.delete(uuid);
    if (key === null) return;
    const handle = this.deps.clock.setTimeout(() => {
      map.delete(uuid);
      fire();
    }, Math.min(MAX_DELAY, Math.max(0, delayMs)));
    map.set(uuid, { key, handle });
  }

  private syncHide(input: Input): void {
    const s = input.settings;
    const secs = typeof s['auto_hide_s'] === 'number' ? s['auto_hide_s'] : 0;
    const on = s['visible'] === true && secs > 0;
    // Stepping to another entry while shown starts the wait again: each entry gets its full time.
    const key = on ? JSON.stringify([lowerThirdEntry(s), secs]) : null;
    this.arm(this.hides, input.uuid, key, secs * 1000, () => {
      const now = this.deps.document().inputs.find((i) => i.uuid === input.uuid);
      if (!now || now.settings['visible'] !== true) return;
      this.run('input.update', { inputUuid: input.uuid, settings: { visible: false } }, `auto-hide of "${input.name}"`);
    });
  }

  private syncEnd(input: Input): void {
    const s = input.settings;
    const wall = this.deps.wallNow();
    const end = s['end_action'] === 'switch_scene' ? countdownEndAt(s, wall) : null;
    // Only an end still ahead is armed: a countdown that ended before the engine saw it (a file
    // loaded after its time) must not switch scenes at start.
    const key = end !== null && end > wall ? JSON.stringify([end, s['end_scene']]) : null;
    this.arm(this.ends, input.uuid, key, (end ?? wall) - wall, () => this.endCountdown(input.uuid));
  }

  private endCountdown(uuid: string): void {
    const doc = this.deps.document();
    const input = doc.inputs.find((i) => i.uuid === uuid);
    if (!input || input.settings['end_action'] !== 'switch_scene') return;
    const wall = this.deps.wallNow();
    const end = countdownEndAt(input.settings, wall);
    // Re-armed by a change meanwhile, or fired early by a timer that rounds down: wait for the real end.
    if (end === null) return;
    if (end > wall) {
      this.arm(this.ends, uuid, JSON.stringify([end, input.settings['end_scene'], 'again']), end - wall, () => this.endCountdown(uuid));
      return;
    }
    // On program means shown by it, through nested scenes and groups too (as GetSourceActive says).
    if (!shownSources(doc, doc.currentSceneUuid).has(uuid)) return;
    const name = input.settings['end_scene'];
    const target = doc.scenes.find((sc) => sc.name === name);
    if (!target) {
      this.deps.logger.log('warn', `countdown "${input.name}" ended, but there is no scene called "${String(name)}" to switch to`);
      return;
    }
    if (target.uuid !== doc.currentSceneUuid) this.run('scene.setCurrent', { sceneUuid: target.uuid }, `countdown "${input.name}" end`);
  }

  /**
   * A client that flips clock_running without the fields that pin the clock in time (OBS tools
   * know nothing of them) gets them filled in: started now, or stopped at what it read now.
   */
  private fillStopwatch(input: Input): void {
    const s = input.settings;
    const before = this.watches.get(input.uuid);
    this.watches.set(input.uuid, { clock_running: s['clock_running'], clock_ms: s['clock_ms'], clock_started_at: s['clock_started_at'] });
    if (!before || before['clock_running'] === s['clock_running']) return;
    if (before['clock_started_at'] !== s['clock_started_at']) return;
    const now = this.deps.wallNow();
    const starting = s['clock_running'] === true;
    // Stopping with a clock_ms of its own (stop and reset) needs nothing more: a stopped clock reads clock_ms.
    if (!starting && before['clock_ms'] !== s['clock_ms']) return;
    const patch = starting ? startPatch(readStopwatch({ ...s, clock_running: false }), now) : stopPatch(readStopwatch(before), now);
    this.run('input.update', { inputUuid: input.uuid, settings: patch }, `clock of "${input.name}"`);
  }

  private run(type: 'input.update' | 'scene.setCurrent', args: unknown, what: string): void {
    void this.deps.execute(type, args).then(
      (r) => {
        if (!r.ok) this.deps.logger.log('warn', `${what} failed: ${r.error.message}`);
      },
      (error: unknown) => this.deps.logger.log('error', `${what} failed`, { error: String(error) }),
    );
  }
}
