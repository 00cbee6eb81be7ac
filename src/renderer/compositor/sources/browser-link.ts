/**
 * The renderer's end of browser sources: the engine sends each page's newest picture as a
 * browser.frame event (and why a page shows nothing as browser.problem). The link keeps the newest of
 * each by input, so a runtime created later starts from the current picture, and hands them to the
 * runtime attached for that input. Sound (browser.audio) is handed on as it comes, never kept.
 */
import type { StudioBridge, StudioEvent } from '../../../shared';

export type BrowserFrameEvent = Extract<StudioEvent, { type: 'browser.frame' }>['data'];

export interface BrowserListener {
  frame(frame: BrowserFrameEvent): void;
  problem(problem: string | null): void;
  /**
   * Some of the page's sound (base64 s16le stereo 48 kHz), live: never kept or replayed; stamped
   * (ms on the clock of the frames' capturedAt) where the host knows when the page played it.
   */
  audio?(base64: string, capturedAt: number | null): void;
}

/** What a source runtime sees of the link (SourceContext.browser). */
export interface BrowserPort {
  attach(inputUuid: string, listener: BrowserListener): () => void;
  /**
   * Desktop only: the page's sound as a stream (its frame captured through getDisplayMedia, answered
   * by the main process; video dropped). Absent where sound comes as browser.audio chunks instead.
   */
  captureAudio?(inputUuid: string): Promise<MediaStream>;
}

export class BrowserLink implements BrowserPort {
  private readonly frames = new Map<string, BrowserFrameEvent>();
  private readonly problems = new Map<string, string>();
  private readonly listeners = new Map<string, BrowserListener>();
  private readonly off: () => void;
  readonly captureAudio?: (inputUuid: string) => Promise<MediaStream>;
  /** Captures one at a time: each getDisplayMedia call must meet the ticket armed just before it. */
  private capturing: Promise<unknown> = Promise.resolve();

  constructor(bridge: Pick<StudioBridge, 'subscribe' | 'browserSourceAudio'>) {
    this.off = bridge.subscribe((e) => this.onEvent(e));
    const arm = bridge.browserSourceAudio?.bind(bridge);
    if (arm) {
      this.captureAudio = (inputUuid) => {
        const next = this.capturing.then(async () => {
          const armed = await arm(inputUuid);
          if (!armed.ok) throw new Error(armed.error.message);
          // suppressLocalAudioPlayback: the page is heard through the mixer only, not on the speakers too.
          const audio = { suppressLocalAudioPlayback: true } as MediaTrackConstraints;
          const stream = await navigator.mediaDevices.getDisplayMedia({ video: true, audio });
          for (const track of stream.getVideoTracks()) {
            track.stop();
            stream.removeTrack(track);
          }
          if (stream.getAudioTracks().length === 0) throw new Error('the page gave no sound track');
          return stream;
        });
        this.capturing = next.catch(() => {});
        return next;
      };
    }
  }

  attach(inputUuid: string, listener: BrowserListener): () => void {
    this.listeners.set(inputUuid, listener);
    const problem = this.problems.get(inputUuid);
    if (problem) listener.problem(problem);
    const frame = this.frames.get(inputUuid);
    if (frame) listener.frame(frame);
    return () => {
      if (this.listeners.get(inputUuid) === listener) this.listeners.delete(inputUuid);
    };
  }

  dispose(): void {
    this.off();
    this.listeners.clear();
    this.frames.clear();
  }

  private onEvent(e: StudioEvent): void {
    if (e.type === 'browser.frame') {
      // An empty frame: the page stopped (shut down while hidden); nothing to keep.
      if (e.data.data === '') this.frames.delete(e.data.inputUuid);
      else this.frames.set(e.data.inputUuid, e.data);
      this.listeners.get(e.data.inputUuid)?.frame(e.data);
    } else if (e.type === 'browser.problem') {
      if (e.data.problem) this.problems.set(e.data.inputUuid, e.data.problem);
      else this.problems.delete(e.data.inputUuid);
      this.listeners.get(e.data.inputUuid)?.problem(e.data.problem);
    } else if (e.type === 'browser.audio') {
      this.listeners.get(e.data.inputUuid)?.audio?.(e.data.data, e.data.capturedAt);
    } else if (e.type === 'input.removed') {
      this.frames.delete(e.data.inputUuid);
      this.problems.delete(e.data.inputUuid);
    }
  }
}
