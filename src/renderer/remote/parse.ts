/**
 * The studio's JSON, turned into the remote's types. obs-websocket-js types most payloads as
 * loose JSON objects, and the studio's vendor payloads are ours to read defensively: a field that
 * is missing or of the wrong type is skipped, never trusted.
 */
import type { DestinationInfo, SceneRef, StreamInfo, StreamPhase } from './store';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const bool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);

/** GetSceneList / SceneListChanged scenes, top of the list first (OBS lists the highest index on top). */
export function parseScenes(raw: unknown): SceneRef[] {
  if (!Array.isArray(raw)) return [];
  const scenes: { name: string; uuid: string; index: number }[] = [];
  raw.forEach((entry, position) => {
    if (!isObject(entry)) return;
    const name = str(entry['sceneName']);
    if (!name) return;
    scenes.push({ name, uuid: str(entry['sceneUuid']) ?? '', index: num(entry['sceneIndex']) ?? position });
  });
  return scenes.sort((a, b) => b.index - a.index).map(({ name, uuid }) => ({ name, uuid }));
}

/**
 * One destination (GetDestinationList entry, GetDestinationStatus answer, or vendor event), as the
 * fields it carries: absent fields stay absent so a partial update never blanks known numbers.
 */
export function parseDestinationPatch(raw: unknown): (Partial<DestinationInfo> & { id: string }) | null {
  if (!isObject(raw)) return null;
  const o: Json = isObject(raw['status']) ? { ...raw, ...raw['status'] } : raw;
  const id = str(o['destinationId']) ?? str(o['id']);
  if (!id) return null;
  const patch: Partial<DestinationInfo> & { id: string } = { id };
  const name = str(o['name']) ?? str(o['destinationName']);
  if (name !== undefined) patch.name = name;
  const enabled = bool(o['enabled']);
  if (enabled !== undefined) patch.enabled = enabled;
  const state = str(o['state']) ?? str(o['destinationState']);
  if (state !== undefined) patch.state = state;
  const kbps = num(o['bitrateKbps']) ?? num(o['bitrate']) ?? num(o['kbps']);
  if (kbps !== undefined) patch.bitrateKbps = kbps;
  const bytes = num(o['bytesSent']) ?? num(o['outputBytes']) ?? num(o['bytes']);
  if (bytes !== undefined) patch.bytes = bytes;
  const reconnects = num(o['reconnects']) ?? num(o['reconnectCount']);
  if (reconnects !== undefined) patch.reconnects = reconnects;
  const dropped = num(o['droppedFrames']) ?? num(o['dropped']);
  if (dropped !== undefined) patch.dropped = dropped;
  if ('viewers' in o) patch.viewers = num(o['viewers']) ?? null;
  if ('lastError' in o || 'error' in o) {
    const err = o['lastError'] ?? o['error'];
    patch.lastError = str(err) ?? (isObject(err) ? (str(err['message']) ?? null) : null);
  }
  return patch;
}

/** Vendor payloads carry one destination, or several under `destinations`. */
export function parseDestinationPatches(raw: unknown): (Partial<DestinationInfo> & { id: string })[] {
  const list = isObject(raw) && Array.isArray(raw['destinations']) ? raw['destinations'] : [raw];
  return list.map(parseDestinationPatch).filter((p) => p !== null);
}

const BLANK_DESTINATION: Omit<DestinationInfo, 'id'> = {
  name: '',
  enabled: true,
  state: 'idle',
  bitrateKbps: 0,
  bytes: 0,
  reconnects: 0,
  dropped: 0,
  lastError: null,
  viewers: null,
};

/** GetDestinationList's answer, keeping the numbers already known for destinations that stay. */
export function parseDestinationList(raw: unknown, known: DestinationInfo[] | null): DestinationInfo[] {
  return parseDestinationPatches(isObject(raw) && Array.isArray(raw['destinations']) ? raw : { destinations: [] }).map(
    (patch) => {
      const before = known?.find((d) => d.id === patch.id);
      return { ...BLANK_DESTINATION, name: patch.id, ...before, ...patch };
    },
  );
}

/** Applies patches to the destinations they name. `missing` reports ids not in the list. */
export function mergeDestinations(
  list: DestinationInfo[],
  patches: (Partial<DestinationInfo> & { id: string })[],
): { list: DestinationInfo[]; missing: boolean } {
  let missing = false;
  let next = list;
  for (const patch of patches) {
    const at = next.findIndex((d) => d.id === patch.id);
    if (at < 0) {
      missing = true;
      continue;
    }
    const current = next[at]!;
    const changed = (Object.keys(patch) as (keyof DestinationInfo)[]).some((k) => patch[k] !== current[k]);
    if (!changed) continue; // a stats tick with the same numbers re-renders nothing
    if (next === list) next = [...list];
    next[at] = { ...current, ...patch };
  }
  return { list: next, missing };
}

const OUTPUT_STATES: Record<string, StreamPhase | undefined> = {
  OBS_WEBSOCKET_OUTPUT_STARTING: 'starting',
  OBS_WEBSOCKET_OUTPUT_STARTED: 'live',
  OBS_WEBSOCKET_OUTPUT_STOPPING: 'stopping',
  OBS_WEBSOCKET_OUTPUT_STOPPED: 'idle',
  OBS_WEBSOCKET_OUTPUT_RECONNECTING: 'reconnecting',
  OBS_WEBSOCKET_OUTPUT_RECONNECTED: 'live',
};

/** StreamStateChanged: the phase it names (paused/resumed and unknown states change nothing). */
export function streamFromEvent(prev: StreamInfo, outputState: string, now: number): StreamInfo {
  const phase = OUTPUT_STATES[outputState];
  if (!phase || phase === prev.phase) return prev;
  return { ...prev, phase, since: now };
}

/** A transition (starting, stopping) is trusted over a poll for this long, then the poll wins. */
export const TRANSITION_GRACE_MS = 20_000;

/**
 * A poll answer may have been computed just before a state event it arrives after; for this long
 * after a change the phase stands and the poll only updates the numbers.
 */
export const POLL_DEFERS_MS = 1500;

/**
 * GetStreamStatus, polled. It only knows active or not, so a start or stop in progress keeps its
 * phase until the poll shows where it was going (or the grace runs out).
 */
export function streamFromStatus(prev: StreamInfo, status: Json, now: number): StreamInfo {
  const active = bool(status['outputActive']) ?? false;
  const reconnecting = bool(status['outputReconnecting']) ?? false;
  const age = now - prev.since;
  let phase: StreamPhase;
  if (age < POLL_DEFERS_MS) phase = prev.phase;
  else if (reconnecting) phase = 'reconnecting';
  else if (active) phase = prev.phase === 'stopping' && age < TRANSITION_GRACE_MS ? 'stopping' : 'live';
  else phase = prev.phase === 'starting' && age < TRANSITION_GRACE_MS ? 'starting' : 'idle';
  return {
    phase,
    since: phase === prev.phase ? prev.since : now,
    timecode: str(status['outputTimecode']) ?? prev.timecode,
    bytes: num(status['outputBytes']) ?? prev.bytes,
    congestion: num(status['outputCongestion']) ?? prev.congestion,
    skippedFrames: num(status['outputSkippedFrames']) ?? prev.skippedFrames,
    totalFrames: num(status['outputTotalFrames']) ?? prev.totalFrames,
  };
}

/** InputVolumeMeters: input name → each channel's peak after volume (inputLevelsMul[ch][1]). */
export function parseMeters(raw: unknown): Record<string, number[]> {
  const levels: Record<string, number[]> = {};
  if (!Array.isArray(raw)) return levels;
  for (const entry of raw) {
    if (!isObject(entry)) continue;
    const name = str(entry['inputName']);
    const channels = entry['inputLevelsMul'];
    if (!name || !Array.isArray(channels)) continue;
    levels[name] = channels.map((ch) => (Array.isArray(ch) ? (num(ch[1]) ?? num(ch[0]) ?? 0) : 0));
  }
  return levels;
}

/** An input from GetInputList. */
export function parseInput(raw: unknown): { name: string; uuid: string; kind: string } | null {
  if (!isObject(raw)) return null;
  const name = str(raw['inputName']);
  if (!name) return null;
  return { name, uuid: str(raw['inputUuid']) ?? '', kind: str(raw['inputKind']) ?? str(raw['unversionedInputKind']) ?? '' };
}

/** The `text` setting of a text source's settings object, when it has one. */
export function textSetting(settings: unknown): string | undefined {
  return isObject(settings) ? str(settings['text']) : undefined;
}
