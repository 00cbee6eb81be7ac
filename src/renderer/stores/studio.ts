/**
 * The renderer's read-only mirror of the engine, fed by bridge events (see connect.ts). Only the
 * reducer below writes to it, so every field is a faithful copy of something the engine said, plus
 * the notices the UI itself raises when a command fails.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  EMPTY_OUTPUT_STATS,
  IDLE_RECORD_STATUS,
  type Diagnosis,
  type EncoderStatus,
  type RecordStatus,
  type DestinationState,
  type KindDescriptor,
  type NoticeLevel,
  type OutputStats,
  type StudioDocument,
  type StudioError,
  type StudioEvent,
  type MediaDevice,
} from '../../shared';
import { HISTORY_CAPACITY, pushSample, type StatSample } from './history';
import { addNotice, causeOfMessage, clearResolved, removeNotice, type Notice, type NoticeCause } from './notices';

export interface StudioState {
  /** Whether the bridge currently reaches the engine. */
  connected: boolean;
  /** Why the engine refuses this page for good (server mode: not opened from this run's URL). */
  refused: string | null;
  document: StudioDocument | null;
  /**
   * Set when the connection drops: the engine may have restarted with a lower revision, so the
   * next document it replays is taken whatever its revision.
   */
  documentStale: boolean;
  kinds: KindDescriptor[];
  /** The compositing renderer's capture devices (device lists in settings forms). */
  devices: MediaDevice[];
  streamState: DestinationState;
  /** Why the stream last failed; cleared when a new start begins. */
  streamError: StudioError | null;
  stats: OutputStats;
  history: StatSample[];
  /** Which encoder streams and why (null until the engine's first probe finished). */
  encoder: EncoderStatus | null;
  record: RecordStatus;
  /** Where frames are lost, in plain words (null before the first diagnosis). */
  diagnosis: Diagnosis | null;
  notices: Notice[];
  nextNoticeId: number;
  /** Whether this renderer composites program output (engine's renderer.outputOwner). */
  outputOwner: boolean;
  /** What Undo and Redo would do now (the engine's edit history). */
  edits: { undo: string | null; redo: string | null };
}

export type StudioStore = StoreApi<StudioState>;

export const initialStudioState = (): StudioState => ({
  connected: false,
  refused: null,
  edits: { undo: null, redo: null },
  document: null,
  documentStale: true,
  kinds: [],
  devices: [],
  streamState: 'idle',
  streamError: null,
  stats: EMPTY_OUTPUT_STATS,
  history: [],
  encoder: null,
  record: IDLE_RECORD_STATUS,
  diagnosis: null,
  notices: [],
  nextNoticeId: 1,
  outputOwner: false,
});

export function createStudioStore(): StudioStore {
  return createStore<StudioState>()(initialStudioState);
}

/** The state after one engine event. Pure: returns the same object when nothing changes. */
export function reduceEvent(state: StudioState, event: StudioEvent): StudioState {
  switch (event.type) {
    case 'document.changed': {
      const doc = event.data.document;
      const current = state.document;
      if (current && !state.documentStale && doc.revision <= current.revision) return state;
      // A notice whose cause is gone with this change (a source deleted, a key saved) goes too.
      return { ...state, document: doc, documentStale: false, notices: clearResolved(state.notices, doc) };
    }
    case 'kinds.list':
      return { ...state, kinds: event.data.kinds };
    case 'devices.changed':
      return { ...state, devices: event.data.devices };
    case 'stream.state': {
      const { state: streamState, error } = event.data;
      // A new start begins clean; otherwise the last error stays so a failed badge can explain itself
      // and the last numbers stay readable after a stop.
      const fresh = streamState === 'connecting' && (state.streamState === 'idle' || state.streamState === 'failed');
      const streamError = error ?? (fresh ? null : state.streamError);
      const stats = fresh ? EMPTY_OUTPUT_STATS : { ...state.stats, state: streamState };
      return { ...state, streamState, streamError, stats };
    }
    case 'stream.stats':
      return { ...state, stats: event.data.stats };
    case 'stats.sample':
      return { ...state, history: pushSample(state.history, event.data.sample) };
    case 'stats.history':
      return { ...state, history: event.data.samples.slice(-HISTORY_CAPACITY) };
    case 'encoder.status':
      return { ...state, encoder: event.data };
    case 'record.state':
      return { ...state, record: event.data };
    case 'diagnosis.changed':
      return { ...state, diagnosis: event.data };
    case 'notice':
      return withNotice(state, event.data.level, event.data.message, causeOfMessage(event.data.message, state.document));
    case 'history.changed':
      return { ...state, edits: event.data };
    case 'renderer.outputOwner':
      return state.outputOwner === event.data.owner ? state : { ...state, outputOwner: event.data.owner };
    default:
      // Fine-grained events (scene.created, item.transformChanged, …) are always followed by
      // document.changed, which carries everything the mirror needs.
      return state;
  }
}

export function withNotice(state: StudioState, level: NoticeLevel, message: string, cause?: NoticeCause): StudioState {
  const id = state.nextNoticeId;
  return { ...state, notices: addNotice(state.notices, cause ? { id, level, message, cause } : { id, level, message }), nextNoticeId: id + 1 };
}

export function withoutNotice(state: StudioState, id: number): StudioState {
  return { ...state, notices: removeNotice(state.notices, id) };
}

export function withConnection(state: StudioState, connected: boolean, refused: string | null = null): StudioState {
  if (state.connected === connected && state.refused === refused) return state;
  // Nobody sends frames through a dead link; the engine re-announces ownership on reconnect.
  return connected
    ? { ...state, connected, refused: null }
    : { ...state, connected, refused, documentStale: true, outputOwner: false };
}
