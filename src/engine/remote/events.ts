/**
 * createRemoteEventSource(studio): studio events as obs-websocket events. Fine-grained studio events
 * arrive after the document has changed and before document.changed; names that only the old
 * document knows (a removed item's source) are looked up in the snapshot taken at the previous
 * document.changed, and everything else in the current document.
 */
import { OBS_MONITOR_TYPES, type DestinationState, type RecordState, type StudioDocument, type StudioEvent } from '../../shared';
import type { ReplayState } from '../../shared/replay';
import type { Clock, Studio, TimerHandle } from '../api';
import { systemClock } from '../clock';
import { defaultSettings, inputKindCaps, itemSourceSize, sceneItemIndexes, sceneItemTransform, sceneList, unversioned } from './requests/shapes';
import { diagnosisData } from './requests/stats-shapes';
import { filterDefaults, filterEntry } from './requests/filters';
import { currentTransition, transitionOf } from './requests/transitions';
import { meterInputs } from './meters';
import { TransitionOrder } from './transition-order';
import { tracksObject, volumeFields } from './requests/volume';
import { obsMediaAction } from './requests/media-inputs';
import { canvasChanges } from './requests/vendor-canvases';
import { EventSubscription, VENDOR_NAME, type RemoteEvent, type RemoteEventSource } from './types';

/** OBS sends InputVolumeMeters every 50 ms. */
export const METER_INTERVAL_MS = 50;

export type OutputState =
  | 'OBS_WEBSOCKET_OUTPUT_STARTING'
  | 'OBS_WEBSOCKET_OUTPUT_STARTED'
  | 'OBS_WEBSOCKET_OUTPUT_STOPPING'
  | 'OBS_WEBSOCKET_OUTPUT_STOPPED'
  | 'OBS_WEBSOCKET_OUTPUT_RECONNECTING'
  | 'OBS_WEBSOCKET_OUTPUT_RECONNECTED';

/**
 * The OBS output state for a move of our output state machine, or null when OBS would say nothing
 * (no change). Going live after reconnecting is RECONNECTED, as OBS reports a recovered stream.
 */
export function outputState(previous: DestinationState, next: DestinationState): OutputState | null {
  if (next === previous) return null;
  switch (next) {
    case 'connecting':
      return 'OBS_WEBSOCKET_OUTPUT_STARTING';
    case 'live':
      return previous === 'reconnecting' ? 'OBS_WEBSOCKET_OUTPUT_RECONNECTED' : 'OBS_WEBSOCKET_OUTPUT_STARTED';
    case 'reconnecting':
      return 'OBS_WEBSOCKET_OUTPUT_RECONNECTING';
    case 'stopping':
      return 'OBS_WEBSOCKET_OUTPUT_STOPPING';
    case 'idle':
    case 'failed':
      // idle after failed (or the reverse) is no news to an OBS client: it was already stopped.
      return previous === 'idle' || previous === 'failed' ? null : 'OBS_WEBSOCKET_OUTPUT_STOPPED';
  }
}

/**
 * The OBS output state for a move of the recorder, or null when OBS would say nothing. 'record.state'
 * is also re-sent every second while recording, with the same state: no news.
 */
export function recordOutputState(previous: RecordState, next: RecordState): OutputState | null {
  if (next === previous) return null;
  switch (next) {
    case 'starting':
      return 'OBS_WEBSOCKET_OUTPUT_STARTING';
    case 'recording':
      return 'OBS_WEBSOCKET_OUTPUT_STARTED';
    case 'stopping':
      return 'OBS_WEBSOCKET_OUTPUT_STOPPING';
    case 'idle':
    case 'failed':
      return previous === 'idle' || previous === 'failed' ? null : 'OBS_WEBSOCKET_OUTPUT_STOPPED';
  }
}

const REPLAY_OBS_STATE: Record<ReplayState, OutputState> = {
  starting: 'OBS_WEBSOCKET_OUTPUT_STARTING',
  active: 'OBS_WEBSOCKET_OUTPUT_STARTED',
  stopping: 'OBS_WEBSOCKET_OUTPUT_STOPPING',
  idle: 'OBS_WEBSOCKET_OUTPUT_STOPPED',
  failed: 'OBS_WEBSOCKET_OUTPUT_STOPPED',
};

/** OBS counts an output active only once it has started (or recovered). */
const outputActive = (s: OutputState): boolean =>
  s === 'OBS_WEBSOCKET_OUTPUT_STARTED' || s === 'OBS_WEBSOCKET_OUTPUT_RECONNECTED';

interface Docs {
  /** The document before this change (as of the last document.changed). */
  before: StudioDocument;
  /** The document now. */
  after: StudioDocument;
  /** The stream state before this event. */
  stream: DestinationState;
  /** The recorder's state before this event. */
  record: RecordState;
}

const ev = (eventType: string, eventIntent: number, eventData: Record<string, unknown>): RemoteEvent => ({
  eventType,
  eventIntent,
  eventData,
});

const sceneName = (doc: StudioDocument, uuid: string): string => doc.scenes.find((s) => s.uuid === uuid)?.name ?? '';
/** An item's source name: an input's, or a nested scene's or group's. */
const inputName = (doc: StudioDocument, uuid: string): string =>
  doc.inputs.find((i) => i.uuid === uuid)?.name ?? doc.scenes.find((s) => s.uuid === uuid)?.name ?? '';

/** The filter list of an input or scene (OBS: both are sources). */
const filtersOf = (doc: StudioDocument, uuid: string) =>
  (doc.inputs.find((i) => i.uuid === uuid) ?? doc.scenes.find((s) => s.uuid === uuid))?.filters ?? [];

/** The obs-websocket events one studio event stands for (often none). Pure: exported for tests. */
export function translate(event: StudioEvent, docs: Docs): RemoteEvent[] {
  const { before, after } = docs;
  const S = EventSubscription;
  switch (event.type) {
    case 'scene.created':
      return [
        ev('SceneCreated', S.Scenes, { sceneName: event.data.sceneName, sceneUuid: event.data.sceneUuid, isGroup: event.data.isGroup === true }),
        // A group is not in the scene list, so the list did not change.
        ...(event.data.isGroup ? [] : [ev('SceneListChanged', S.Scenes, { scenes: sceneList(after) })]),
      ];
    case 'scene.removed':
      return [
        ev('SceneRemoved', S.Scenes, { sceneName: event.data.sceneName, sceneUuid: event.data.sceneUuid, isGroup: event.data.isGroup === true }),
        ...(event.data.isGroup ? [] : [ev('SceneListChanged', S.Scenes, { scenes: sceneList(after) })]),
      ];
    case 'scene.renamed':
      return [
        ev('SceneNameChanged', S.Scenes, {
          sceneUuid: event.data.sceneUuid,
          oldSceneName: event.data.oldName,
          sceneName: event.data.sceneName,
        }),
        ev('SceneListChanged', S.Scenes, { scenes: sceneList(after) }),
      ];
    case 'scene.reordered':
      return [ev('SceneListChanged', S.Scenes, { scenes: sceneList(after) })];
    case 'scene.currentChanged':
      return [ev('CurrentProgramSceneChanged', S.Scenes, { sceneName: event.data.sceneName, sceneUuid: event.data.sceneUuid })];
    case 'scene.previewChanged':
      // Outside studio mode the preview is only kept for later: OBS clients hear of it when it is shown.
      if (!after.studioMode) return [];
      return [ev('CurrentPreviewSceneChanged', S.Scenes, { sceneName: event.data.sceneName, sceneUuid: event.data.sceneUuid })];
    case 'studio.modeChanged':
      return [ev('StudioModeStateChanged', S.Ui, { studioModeEnabled: event.data.enabled })];
    case 'input.created': {
      const input = after.inputs.find((i) => i.uuid === event.data.inputUuid);
      return [
        ev('InputCreated', S.Inputs, {
          inputName: event.data.inputName,
          inputUuid: event.data.inputUuid,
          inputKind: event.data.kind,
          unversionedInputKind: unversioned(event.data.kind),
          inputKindCaps: inputKindCaps(event.data.kind),
          inputSettings: structuredClone(input?.settings ?? {}),
          defaultInputSettings: defaultSettings(event.data.kind),
        }),
      ];
    }
    case 'input.removed':
      return [ev('InputRemoved', S.Inputs, { inputName: event.data.inputName, inputUuid: event.data.inputUuid })];
    case 'input.renamed':
      return [
        ev('InputNameChanged', S.Inputs, {
          inputUuid: event.data.inputUuid,
          oldInputName: event.data.oldName,
          inputName: event.data.inputName,
        }),
      ];
    case 'input.settingsChanged': {
      const input = after.inputs.find((i) => i.uuid === event.data.inputUuid);
      return [
        ev('InputSettingsChanged', S.Inputs, {
          inputName: event.data.inputName,
          inputUuid: event.data.inputUuid,
          inputSettings: structuredClone(input?.settings ?? {}),
        }),
      ];
    }
    case 'input.audioChanged': {
      // One studio event carries the whole mixer state; OBS sends an event for each part that really changed.
      const { inputName, inputUuid, muted, volumeMul, balance, syncOffsetMs, monitorType, audioTracks } = event.data;
      const old = before.inputs.find((i) => i.uuid === inputUuid);
      const out: RemoteEvent[] = [];
      if (old?.muted !== muted) out.push(ev('InputMuteStateChanged', S.Inputs, { inputName, inputUuid, inputMuted: muted }));
      if (old?.volumeMul !== volumeMul) {
        out.push(ev('InputVolumeChanged', S.Inputs, { inputName, inputUuid, ...volumeFields(volumeMul) }));
      }
      if (old?.balance !== balance) out.push(ev('InputAudioBalanceChanged', S.Inputs, { inputName, inputUuid, inputAudioBalance: balance }));
      if (old?.syncOffsetMs !== syncOffsetMs) {
        out.push(ev('InputAudioSyncOffsetChanged', S.Inputs, { inputName, inputUuid, inputAudioSyncOffset: syncOffsetMs }));
      }
      if (old?.monitorType !== monitorType) {
        out.push(ev('InputAudioMonitorTypeChanged', S.Inputs, { inputName, inputUuid, monitorType: OBS_MONITOR_TYPES[monitorType] }));
      }
      if (!old || old.audioTracks.some((t, k) => t !== audioTracks[k])) {
        out.push(ev('InputAudioTracksChanged', S.Inputs, { inputName, inputUuid, inputAudioTracks: tracksObject(audioTracks) }));
      }
      return out;
    }
    case 'filter.created': {
      const filter = filtersOf(after, event.data.sourceUuid).find((f) => f.name === event.data.filterName);
      return [
        ev('SourceFilterCreated', S.Filters, {
          sourceName: event.data.sourceName,
          filterName: event.data.filterName,
          filterKind: event.data.kind,
          filterIndex: event.data.index,
          filterSettings: structuredClone(filter?.settings ?? {}),
          defaultFilterSettings: filterDefaults(event.data.kind),
        }),
      ];
    }
    case 'transition.changed': {
      const was = currentTransition(before);
      const now = currentTransition(after);
      const out: RemoteEvent[] = [];
      if (was.kind !== now.kind) {
        const t = transitionOf(now.kind);
        out.push(ev('CurrentSceneTransitionChanged', S.Transitions, { transitionName: t.transitionName, transitionUuid: t.transitionUuid }));
      }
      if (was.durationMs !== now.durationMs) {
        out.push(ev('CurrentSceneTransitionDurationChanged', S.Transitions, { transitionDuration: now.durationMs }));
      }
      return out;
    }
    case 'transition.started': {
      const t = transitionOf(event.data.kind);
      return [ev('SceneTransitionStarted', S.Transitions, { transitionName: t.transitionName, transitionUuid: t.transitionUuid })];
    }
    case 'transition.videoEnded': {
      const t = transitionOf(event.data.kind);
      return [ev('SceneTransitionVideoEnded', S.Transitions, { transitionName: t.transitionName, transitionUuid: t.transitionUuid })];
    }
    case 'transition.ended': {
      // The picture and the transition end together here: VideoEnded, then Ended, as libobs signals
      // video stop before stop. A stinger's Ended is its cut point; its video plays on after it
      // (transition.videoEnded).
      const t = transitionOf(event.data.kind);
      const data = { transitionName: t.transitionName, transitionUuid: t.transitionUuid };
      if (event.data.kind === 'obs_stinger_transition') return [ev('SceneTransitionEnded', S.Transitions, data)];
      return [ev('SceneTransitionVideoEnded', S.Transitions, data), ev('SceneTransitionEnded', S.Transitions, data)];
    }
    case 'filter.removed':
      return [ev('SourceFilterRemoved', S.Filters, { sourceName: event.data.sourceName, filterName: event.data.filterName })];
    case 'filter.renamed':
      return [
        ev('SourceFilterNameChanged', S.Filters, {
          sourceName: event.data.sourceName,
          oldFilterName: event.data.oldName,
          filterName: event.data.filterName,
        }),
      ];
    case 'filter.settingsChanged': {
      const filter = filtersOf(after, event.data.sourceUuid).find((f) => f.name === event.data.filterName);
      return [
        ev('SourceFilterSettingsChanged', S.Filters, {
          sourceName: event.data.sourceName,
          filterName: event.data.filterName,
          filterSettings: structuredClone(filter?.settings ?? {}),
        }),
      ];
    }
    case 'filter.enabledChanged':
      return [
        ev('SourceFilterEnableStateChanged', S.Filters, {
          sourceName: event.data.sourceName,
          filterName: event.data.filterName,
          filterEnabled: event.data.enabled,
        }),
      ];
    case 'filter.reordered':
      return [
        ev('SourceFilterListReindexed', S.Filters, {
          sourceName: event.data.sourceName,
          filters: filtersOf(after, event.data.sourceUuid).map(filterEntry),
        }),
      ];
    case 'item.created':
      return [
        ev('SceneItemCreated', S.SceneItems, {
          sceneName: sceneName(after, event.data.sceneUuid),
          sceneUuid: event.data.sceneUuid,
          sourceName: inputName(after, event.data.sourceUuid),
          sourceUuid: event.data.sourceUuid,
          sceneItemId: event.data.sceneItemId,
          sceneItemIndex: event.data.index,
        }),
      ];
    case 'item.removed':
      // Removing an input removes its items first: its name is only in the old document.
      return [
        ev('SceneItemRemoved', S.SceneItems, {
          sceneName: sceneName(before, event.data.sceneUuid),
          sceneUuid: event.data.sceneUuid,
          sourceName: inputName(before, event.data.sourceUuid),
          sourceUuid: event.data.sourceUuid,
          sceneItemId: event.data.sceneItemId,
        }),
      ];
    case 'item.enabledChanged':
      return [
        ev('SceneItemEnableStateChanged', S.SceneItems, {
          sceneName: sceneName(after, event.data.sceneUuid),
          sceneUuid: event.data.sceneUuid,
          sceneItemId: event.data.sceneItemId,
          sceneItemEnabled: event.data.enabled,
        }),
      ];
    case 'item.lockedChanged':
      return [
        ev('SceneItemLockStateChanged', S.SceneItems, {
          sceneName: sceneName(after, event.data.sceneUuid),
          sceneUuid: event.data.sceneUuid,
          sceneItemId: event.data.sceneItemId,
          sceneItemLocked: event.data.locked,
        }),
      ];
    case 'item.reordered': {
      const scene = after.scenes.find((s) => s.uuid === event.data.sceneUuid);
      if (!scene) return [];
      return [
        ev('SceneItemListReindexed', S.SceneItems, {
          sceneName: scene.name,
          sceneUuid: scene.uuid,
          sceneItems: sceneItemIndexes(scene),
        }),
      ];
    }
    case 'item.transformChanged': {
      const scene = after.scenes.find((s) => s.uuid === event.data.sceneUuid);
      const item = scene?.items.find((i) => i.sceneItemId === event.data.sceneItemId);
      if (!scene || !item) return [];
      return [
        ev('SceneItemTransformChanged', S.SceneItemTransformChanged, {
          sceneName: scene.name,
          sceneUuid: scene.uuid,
          sceneItemId: item.sceneItemId,
          sceneItemTransform: sceneItemTransform(item, itemSourceSize(after, item)),
        }),
      ];
    }
    case 'stream.state': {
      const state = outputState(docs.stream, event.data.state);
      return state ? [ev('StreamStateChanged', S.Outputs, { outputActive: outputActive(state), outputState: state })] : [];
    }
    case 'record.state': {
      const state = recordOutputState(docs.record, event.data.state);
      if (!state) return [];
      // OBS names the file when the recording has started and when it has stopped, and nothing between.
      const named = state === 'OBS_WEBSOCKET_OUTPUT_STARTED' || state === 'OBS_WEBSOCKET_OUTPUT_STOPPED';
      return [
        ev('RecordStateChanged', S.Outputs, { outputActive: outputActive(state), outputState: state, outputPath: named ? event.data.path : null }),
      ];
    }
    case 'replay.state': {
      // Sent on changes only (replay-control.ts), so each one is news.
      const state = REPLAY_OBS_STATE[event.data.state];
      return [ev('ReplayBufferStateChanged', S.Outputs, { outputActive: outputActive(state), outputState: state })];
    }
    case 'replay.saved':
      return [ev('ReplayBufferSaved', S.Outputs, { savedReplayPath: event.data.path })];
    case 'diagnosis.changed':
      return [ev('VendorEvent', S.Vendors, { vendorName: VENDOR_NAME, eventType: 'DiagnosisChanged', eventData: diagnosisData(event.data) })];
    case 'document.changed':
      // The fine-grained events have said the rest; extra canvases have no event of their own.
      return canvasChanges(before, event.data.document).map((vendor) => ev('VendorEvent', S.Vendors, { vendorName: VENDOR_NAME, ...vendor }));
    case 'report.saved':
      return [
        ev('VendorEvent', S.Vendors, {
          vendorName: VENDOR_NAME,
          eventType: 'StreamReportSaved',
          eventData: { path: event.data.path, htmlPath: event.data.htmlPath, durationMs: event.data.durationMs },
        }),
      ];
    case 'destination.state':
      return [
        ev('VendorEvent', S.Vendors, {
          vendorName: VENDOR_NAME,
          eventType: 'DestinationStateChanged',
          eventData: {
            destinationId: event.data.id,
            name: event.data.name,
            state: event.data.state,
            attempt: event.data.attempt,
            retryInMs: event.data.retryInMs ?? null,
            error: event.data.error ? { code: event.data.error.code, message: event.data.error.message } : null,
          },
        }),
      ];
    case 'destination.stats':
      return [
        ev('VendorEvent', S.Vendors, {
          vendorName: VENDOR_NAME,
          eventType: 'DestinationStats',
          eventData: {
            destinations: event.data.stats.map((s) => ({
              destinationId: s.id,
              name: s.name,
              state: s.state,
              bitrateKbps: s.bitrateKbps,
              bytesSent: s.bytesSent,
              droppedFrames: s.dropped,
              reconnects: s.reconnects,
              lastError: s.lastError,
              uptimeMs: s.uptimeMs,
              congestion: s.congestion,
              viewers: s.viewers,
            })),
          },
        }),
      ];
    case 'media.action': {
      const mediaAction = obsMediaAction(event.data.action);
      // A seek has no OBS action: OBS clients hear of it only through the cursor.
      if (!mediaAction) return [];
      return [ev('MediaInputActionTriggered', S.MediaInputs, { inputName: event.data.inputName, inputUuid: event.data.inputUuid, mediaAction })];
    }
    case 'media.state': {
      const { state, previous, inputName, inputUuid } = event.data;
      // Resuming from pause or a buffering stall is not a start, as in OBS.
      if (state === 'playing' && previous !== 'paused' && previous !== 'buffering') {
        return [ev('MediaInputPlaybackStarted', S.MediaInputs, { inputName, inputUuid })];
      }
      if (state === 'ended') return [ev('MediaInputPlaybackEnded', S.MediaInputs, { inputName, inputUuid })];
      return [];
    }
    // Scene collections and profiles (src/engine/library): the switch's two events bracket the
    // document's replacement, as OBS's do.
    case 'collection.switching':
      return [ev('CurrentSceneCollectionChanging', S.Config, { sceneCollectionName: event.data.name })];
    case 'collection.switched':
      return [ev('CurrentSceneCollectionChanged', S.Config, { sceneCollectionName: event.data.name })];
    case 'collections.changed':
      return [ev('SceneCollectionListChanged', S.Config, { sceneCollections: [...event.data.names] })];
    case 'profile.switching':
      return [ev('CurrentProfileChanging', S.Config, { profileName: event.data.name })];
    case 'profile.switched':
      return [ev('CurrentProfileChanged', S.Config, { profileName: event.data.name })];
    case 'profiles.changed':
      return [ev('ProfileListChanged', S.Config, { profiles: [...event.data.names] })];
    default:
      // video.changed (OBS 5 has no event for it), record.saved (OBS has none: the
      // stop's outputPath names the file), stats, encoder status, notices, renderer traffic.
      return [];
  }
}

export function createRemoteEventSource(studio: Studio, clock: Clock = systemClock): RemoteEventSource {
  const listeners = new Set<(event: RemoteEvent) => void>();
  let before = studio.document();
  let stream: DestinationState = studio.status().stream.state;
  // The remote control starts with the studio, before anything can record.
  let record: RecordState = 'idle';
  let meter: TimerHandle | null = null;
  let disposed = false;

  const emit = (event: RemoteEvent): void => {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch {
        // One broken listener (a session mid-close) must not keep the event from the others.
      }
    }
  };

  const order = new TransitionOrder();
  const subscription = studio.subscribe((event) => {
    const out = translate(event, { before, after: studio.document(), stream, record });
    if (event.type === 'document.changed') before = event.data.document;
    if (event.type === 'stream.state') stream = event.data.state;
    if (event.type === 'record.state') record = event.data.state;
    for (const remote of order.pass(event, out)) emit(remote);
  });

  /**
   * InputVolumeMeters runs only while someone listens, on a steady 50 ms beat. Each tick lists every
   * input with audio: the output owner's renderer measures them (studio.audioLevels()), and those it
   * did not measure lately read as silent (./meters.ts).
   */
  const meters = (): void => {
    const want = listeners.size > 0 && !disposed;
    if (want && meter === null) {
      meter = clock.setInterval(
        () =>
          emit({
            eventType: 'InputVolumeMeters',
            eventIntent: EventSubscription.InputVolumeMeters,
            eventData: { inputs: meterInputs(studio.document(), studio.audioLevels()) },
          }),
        METER_INTERVAL_MS,
      );
    } else if (!want && meter !== null) {
      clock.clearInterval(meter);
      meter = null;
    }
  };

  return {
    subscribe(listener) {
      if (disposed) return { dispose: () => {} };
      listeners.add(listener);
      meters();
      return {
        dispose: () => {
          listeners.delete(listener);
          meters();
        },
      };
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      subscription.dispose();
      listeners.clear();
      meters();
    },
  };
}
