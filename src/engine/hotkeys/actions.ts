/**
 * Every action a hotkey can run, named as OBS names it where the action matches, so a Stream Deck
 * or Companion profile made for OBS triggers the same thing here (TriggerHotkeyByName). Actions on a
 * scene or an input carry it as their context; our own actions (graphics) use the BroadcastStudio
 * prefix. Each runs through the same commands as the UI and obs-websocket.
 */
import {
  LOWER_THIRD,
  SCOREBOARD,
  Status,
  fail,
  ok,
  steppedQueueIndex,
  type CommandArgs,
  type CommandResult,
  type CommandType,
  type HotkeyAction,
  type Input,
  type Result,
  type StudioDocument,
} from '../../shared';

export interface HotkeyDeps {
  document(): StudioDocument;
  execute<T extends CommandType>(type: T, args: CommandArgs<T>): Promise<Result<CommandResult<T>>>;
  /** Whether an input kind has sound (mute and push-to-talk apply to those). */
  hasAudio(kind: string): boolean;
}

type Run = (deps: HotkeyDeps, context: string | undefined, pressed: boolean) => Promise<Result<unknown>> | Result<unknown>;

/** Studio-wide actions, run on press only. */
const GLOBAL: Record<string, { label: string; run: Run }> = {
  'OBSBasic.StartStreaming': { label: 'Start streaming', run: (d) => d.execute('stream.start', {}) },
  'OBSBasic.StopStreaming': { label: 'Stop streaming', run: (d) => d.execute('stream.stop', {}) },
  'OBSBasic.StartRecording': { label: 'Start recording', run: (d) => d.execute('record.start', {}) },
  'OBSBasic.StopRecording': { label: 'Stop recording', run: (d) => d.execute('record.stop', {}) },
  'OBSBasic.StartReplayBuffer': { label: 'Start replay buffer', run: (d) => d.execute('replay.start', {}) },
  'OBSBasic.StopReplayBuffer': { label: 'Stop replay buffer', run: (d) => d.execute('replay.stop', {}) },
  'ReplayBuffer.Save': { label: 'Save replay', run: (d) => d.execute('replay.save', {}) },
  'OBSBasic.Transition': { label: 'Transition (studio mode take)', run: (d) => d.execute('studio.take', {}) },
  'OBSBasic.EnablePreviewProgram': { label: 'Enable studio mode', run: (d) => d.execute('studio.setMode', { enabled: true }) },
  'OBSBasic.DisablePreviewProgram': { label: 'Disable studio mode', run: (d) => d.execute('studio.setMode', { enabled: false }) },
};

const input = (doc: StudioDocument, uuid: string | undefined): Input | undefined => doc.inputs.find((i) => i.uuid === uuid);

/** Mute actions: push-to-talk is muted unless held; push-to-mute is muted while held. */
const muteRun =
  (muted: (pressed: boolean) => boolean, held: boolean): Run =>
  (d, context, pressed) => {
    if (!held && !pressed) return ok(null);
    return d.execute('input.setAudio', { inputUuid: context ?? '', muted: muted(pressed) });
  };

const INPUT_AUDIO: Record<string, { label: string; held: boolean; run: Run }> = {
  'libobs.mute': { label: 'Mute', held: false, run: muteRun(() => true, false) },
  'libobs.unmute': { label: 'Unmute', held: false, run: muteRun(() => false, false) },
  'libobs.push-to-mute': { label: 'Push-to-mute', held: true, run: muteRun((p) => p, true) },
  'libobs.push-to-talk': { label: 'Push-to-talk', held: true, run: muteRun((p) => !p, true) },
};

const lowerThird = (step: number | null, visible: boolean): Run => async (d, context, pressed) => {
  if (!pressed) return ok(null);
  const target = input(d.document(), context);
  if (!target) return fail(Status.ResourceNotFound, 'That lower third no longer exists.');
  const index = step === null ? null : steppedQueueIndex(target.settings, step);
  return d.execute('input.update', { inputUuid: target.uuid, settings: { visible, ...(index !== null && { queue_index: index }) } });
};

const score = (field: 'home_score' | 'away_score'): Run => async (d, context, pressed) => {
  if (!pressed) return ok(null);
  const target = input(d.document(), context);
  if (!target) return fail(Status.ResourceNotFound, 'That scoreboard no longer exists.');
  const now = Number(target.settings[field]);
  return d.execute('input.update', { inputUuid: target.uuid, settings: { [field]: (Number.isFinite(now) ? now : 0) + 1 } });
};

const GRAPHICS: Record<string, Record<string, { label: string; run: Run }>> = {
  [LOWER_THIRD.id]: {
    'BroadcastStudio.LowerThird.Show': { label: 'Show lower third', run: lowerThird(null, true) },
    'BroadcastStudio.LowerThird.Hide': { label: 'Hide lower third', run: lowerThird(null, false) },
    'BroadcastStudio.LowerThird.Next': { label: 'Show the next lower third', run: lowerThird(1, true) },
  },
  [SCOREBOARD.id]: {
    'BroadcastStudio.Scoreboard.HomePlusOne': { label: 'Home +1', run: score('home_score') },
    'BroadcastStudio.Scoreboard.AwayPlusOne': { label: 'Away +1', run: score('away_score') },
  },
};

const SELECT_SCENE = 'OBSBasic.SelectScene';
const SHOW_ITEM = /^libobs\.(show|hide)_scene_item\.(\d+)$/;

/** The actions the studio offers for this document, global ones first. */
export function hotkeyActions(doc: StudioDocument, hasAudio: (kind: string) => boolean): HotkeyAction[] {
  const out: HotkeyAction[] = Object.entries(GLOBAL).map(([name, a]) => ({ name, label: a.label }));
  for (const scene of doc.scenes) {
    // A group is not a scene one switches to; its items' show/hide hotkeys stay (OBS has them).
    if (!scene.isGroup) out.push({ name: SELECT_SCENE, contextUuid: scene.uuid, contextName: scene.name, label: `Switch to scene ${scene.name}` });
    for (const item of scene.items) {
      const source = input(doc, item.sourceUuid)?.name ?? doc.scenes.find((s) => s.uuid === item.sourceUuid)?.name ?? `item ${item.sceneItemId}`;
      for (const verb of ['show', 'hide'] as const) {
        out.push({
          name: `libobs.${verb}_scene_item.${item.sceneItemId}`,
          contextUuid: scene.uuid,
          contextName: scene.name,
          label: `${verb === 'show' ? 'Show' : 'Hide'} ${source} in ${scene.name}`,
        });
      }
    }
  }
  for (const i of doc.inputs) {
    if (hasAudio(i.kind)) {
      for (const [name, a] of Object.entries(INPUT_AUDIO)) {
        out.push({ name, contextUuid: i.uuid, contextName: i.name, label: `${a.label} ${i.name}`, ...(a.held && { held: true }) });
      }
    }
    for (const [name, a] of Object.entries(GRAPHICS[i.kind] ?? {})) out.push({ name, contextUuid: i.uuid, contextName: i.name, label: `${a.label}: ${i.name}` });
  }
  return out;
}

/**
 * Finds the action a name (and, for actions on a scene or input, a context name or uuid) means.
 * Without a context, an action that exists once is found; one that exists for several contexts
 * needs the context, as OBS's contextName.
 */
export function findHotkey(
  doc: StudioDocument,
  hasAudio: (kind: string) => boolean,
  name: string,
  context?: { name?: string; uuid?: string },
): Result<HotkeyAction> {
  const all = hotkeyActions(doc, hasAudio).filter((a) => a.name === name);
  if (all.length === 0) return fail(Status.ResourceNotFound, 'No hotkeys were found by that name.');
  const matches = all.filter((a) => (context?.uuid === undefined || a.contextUuid === context.uuid) && (context?.name === undefined || a.contextName === context.name));
  if (matches.length === 0) return fail(Status.ResourceNotFound, `No hotkey ${name} was found for that context.`);
  if (matches.length > 1) {
    return fail(Status.MissingRequestField, `${name} exists for ${matches.length} sources or scenes; give contextName to say which.`, 'contextName');
  }
  return ok(matches[0]!);
}

/** Runs an action; `pressed` false is a release, which only held actions (push-to-talk) act on. */
export async function runHotkey(deps: HotkeyDeps, action: HotkeyAction, pressed: boolean): Promise<Result<unknown>> {
  const global = GLOBAL[action.name];
  if (global) return pressed ? global.run(deps, undefined, true) : ok(null);
  const audio = INPUT_AUDIO[action.name];
  if (audio) return audio.run(deps, action.contextUuid, pressed);
  if (action.name === SELECT_SCENE) {
    if (!pressed) return ok(null);
    const doc = deps.document();
    return deps.execute(doc.studioMode ? 'scene.setPreview' : 'scene.setCurrent', { sceneUuid: action.contextUuid ?? '' });
  }
  const item = SHOW_ITEM.exec(action.name);
  if (item) {
    if (!pressed) return ok(null);
    return deps.execute('item.setEnabled', { sceneUuid: action.contextUuid ?? '', sceneItemId: Number(item[2]), enabled: item[1] === 'show' });
  }
  const kind = input(deps.document(), action.contextUuid)?.kind ?? '';
  const graphic = GRAPHICS[kind]?.[action.name];
  if (graphic) return graphic.run(deps, action.contextUuid, pressed);
  return fail(Status.ResourceNotFound, 'No hotkeys were found by that name.');
}
