/**
 * Replay playback (replay.play; obs-websocket's vendor request PlayLastReplay): the last saved
 * replay on air at once, as a sports producer runs it. A media source (OBS's ffmpeg_source, named
 * "Replay" unless told) plays the file from its start, at the speed asked (slow motion below 100),
 * in the scene asked (default: the program scene). When that scene is not on program, program
 * switches to it with the replay transition (the kind, duration and settings asked, else the
 * replay defaults stored with the replay buffer's settings, else the current transition), carried
 * by scene.setCurrent's one-shot `transition` so the engine's transition clock and every
 * compositor run the same one.
 *
 * Return: unless told not to, once the replay's player reports it has played out (media.state
 * 'ended', after it was seen playing again), program switches back to the scene that was on
 * before, with the same transition. A switch by anyone else during the replay (the producer took
 * control), a new replay, or the replay scene or input going away calls the return off.
 */
import { DEFAULT_TRANSITION, Status, TRANSITION_KINDS, fail, ok, transitionSettingsOf, type CommandMap, type CommandType, type Result, type Settings, type StudioDocument, type StudioEvent } from '../../shared';
import * as z from 'zod';
import type { Disposable } from '../api';
import { parseArgs } from '../document/issues';
import { DEFAULT_REPLAY_INPUT, type ReplayPlayArgs, type ReplayPlayed } from '../../shared/replay';

const MEDIA = 'ffmpeg_source';

const PLAY_ARGS = z.strictObject({
  inputName: z.string().trim().min(1).max(256).optional(),
  sceneName: z.string().min(1).max(256).optional(),
  speedPercent: z.number().min(1).max(200).optional(),
  transitionKind: z.string().trim().min(1).optional(),
  transitionDurationMs: z.number().min(50).max(20_000).optional(), // OBS's transition range
  transitionSettings: z.record(z.string(), z.unknown()).optional(),
  returnToScene: z.boolean().optional(),
});

export interface ReplayPlaybackDeps {
  execute<T extends CommandType>(type: T, args: CommandMap[T]['args']): Promise<Result<CommandMap[T]['result']>>;
  document(): StudioDocument;
  subscribe(listener: (event: StudioEvent) => void): Disposable;
  /** The file the replay buffer saved last, null before any. */
  lastReplay(): string | null;
}

interface Transition {
  kind: string;
  durationMs: number;
  settings: Settings;
}

/** A replay on air that will switch program back when it has played out. */
interface Pending {
  inputUuid: string;
  replaySceneUuid: string;
  returnSceneUuid: string;
  transition: Transition;
  /** Its player was seen (re)starting since: an 'ended' before that is the previous replay's. */
  started: boolean;
}

export class ReplayPlayback {
  private pending: Pending | null = null;
  private readonly sub: Disposable;

  constructor(private readonly deps: ReplayPlaybackDeps) {
    this.sub = deps.subscribe((event) => this.heard(event));
  }

  /** Whether a return is armed (for tests and the UI's state). */
  returnPending(): boolean {
    return this.pending !== null;
  }

  async play(raw: unknown): Promise<Result<ReplayPlayed>> {
    const parsed = parseArgs(PLAY_ARGS, raw);
    if (!parsed.ok) return parsed;
    const args: ReplayPlayArgs = parsed.value;
    const file = this.deps.lastReplay();
    if (!file) return fail(Status.InvalidResourceState, 'No replay has been saved yet; save one first (SaveReplayBuffer).');
    const inputName = args.inputName ?? DEFAULT_REPLAY_INPUT;
    let doc = this.deps.document();
    const scene =
      args.sceneName === undefined ? doc.scenes.find((s) => s.uuid === doc.currentSceneUuid) : doc.scenes.find((s) => s.name === args.sceneName && !s.isGroup);
    if (!scene) return fail(Status.ResourceNotFound, `No scene was found by the name of \`${args.sceneName ?? ''}\`.`, 'sceneName');
    const existing = doc.inputs.find((i) => i.name === inputName);
    if (existing && existing.kind !== MEDIA) return fail(Status.InvalidResourceType, `The input \`${inputName}\` is not a media source (${MEDIA}).`, 'inputName');
    const transition = this.transitionFor(args, doc);
    if (!transition.ok) return transition;

    // A new replay replaces the one on air, and its return.
    this.pending = null;
    const settings = { is_local_file: true, local_file: file, restart_on_activate: true, ...(args.speedPercent !== undefined && { speed_percent: Math.round(args.speedPercent) }) };
    let inputUuid: string;
    if (existing) {
      const updated = await this.deps.execute('input.update', { inputUuid: existing.uuid, settings, overlay: true });
      if (!updated.ok) return updated;
      const restarted = await this.deps.execute('media.action', { inputUuid: existing.uuid, action: 'restart' });
      if (!restarted.ok) return restarted;
      inputUuid = existing.uuid;
    } else {
      const made = await this.deps.execute('input.create', { sceneUuid: scene.uuid, name: inputName, kind: MEDIA, settings });
      if (!made.ok) return made;
      inputUuid = made.value.inputUuid;
    }

    doc = this.deps.document();
    const from = doc.scenes.find((s) => s.uuid === doc.currentSceneUuid);
    let returnSceneName: string | null = null;
    if (from && from.uuid !== scene.uuid) {
      const switched = await this.deps.execute('scene.setCurrent', { sceneUuid: scene.uuid, transition: transition.value });
      if (!switched.ok) return switched;
      if (args.returnToScene ?? doc.output.recording.replayReturnToScene ?? true) {
        this.pending = { inputUuid, replaySceneUuid: scene.uuid, returnSceneUuid: from.uuid, transition: transition.value, started: false };
        returnSceneName = from.name;
      }
    }
    return ok({
      inputName,
      inputUuid,
      sceneName: scene.name,
      savedReplayPath: file,
      transitionKind: transition.value.kind,
      transitionDurationMs: transition.value.durationMs,
      returnSceneName,
    });
  }

  dispose(): void {
    this.sub.dispose();
    this.pending = null;
  }

  /** The replay transition: what was asked, else the stored replay default, else the current transition. */
  private transitionFor(args: ReplayPlayArgs, doc: StudioDocument): Result<Transition> {
    const current = doc.transition ?? DEFAULT_TRANSITION;
    const rec = doc.output.recording;
    const kind = args.transitionKind ?? (rec.replayTransitionKind || current.kind);
    const durationMs = Math.round(args.transitionDurationMs ?? rec.replayTransitionMs ?? current.durationMs);
    // Each kind runs with its own settings (the current one's, or what it was last set to).
    const settings = args.transitionSettings ?? transitionSettingsOf(doc.transition, kind);
    if (!TRANSITION_KINDS.some((k) => k.id === kind)) {
      const known = TRANSITION_KINDS.map((k) => k.id).join(', ');
      return fail(Status.InvalidRequestField, `There is no transition kind called "${kind}"; the kinds are ${known}.`, 'transitionKind');
    }
    return ok({ kind, durationMs, settings });
  }

  private heard(event: StudioEvent): void {
    const p = this.pending;
    if (!p) return;
    if (event.type === 'scene.currentChanged') {
      // Anyone else's switch: the producer took control, so the replay no longer brings them back.
      if (event.data.sceneUuid !== p.replaySceneUuid) this.pending = null;
      return;
    }
    if (event.type === 'document.changed') {
      const doc = this.deps.document();
      if (!doc.inputs.some((i) => i.uuid === p.inputUuid) || !doc.scenes.some((s) => s.uuid === p.replaySceneUuid)) this.pending = null;
      return;
    }
    if (event.type !== 'media.state' || event.data.inputUuid !== p.inputUuid) return;
    if (event.data.state !== 'ended') {
      if (event.data.state !== 'none') p.started = true;
      return;
    }
    if (!p.started) return;
    this.pending = null;
    void this.goBack(p);
  }

  private async goBack(p: Pending): Promise<void> {
    const doc = this.deps.document();
    if (doc.currentSceneUuid !== p.replaySceneUuid || !doc.scenes.some((s) => s.uuid === p.returnSceneUuid)) return;
    // A failure here has no caller to answer; the store reports refusals itself.
    await this.deps.execute('scene.setCurrent', { sceneUuid: p.returnSceneUuid, transition: p.transition });
  }
}
