/**
 * The renderer's end of browser sources: the engine sends each page's newest picture as a
 * browser.frame event (and why a page shows nothing as browser.problem). The link keeps the newest of
 * each by input, so a runtime created later starts from the current picture, and hands them to the
 * runtime attached for that input.
 */
import type { StudioBridge, StudioEvent } from '../../../shared';

export type BrowserFrameEvent = Extract<StudioEvent, { type: 'browser.frame' }>['data'];

export interface BrowserListener {
  frame(frame: BrowserFrameEvent): void;
  problem(problem: string | null): void;
}

/** What a source runtime sees of the link (SourceContext.browser). */
export interface BrowserPort {
  attach(inputUuid: string, listener: BrowserListener): () => void;
}

export class BrowserLink implements BrowserPort {
  private readonly frames = new Map<string, BrowserFrameEvent>();
  private readonly problems = new Map<string, string>();
  private readonly listeners = new Map<string, BrowserListener>();
  private readonly off: () => void;

  constructor(bridge: Pick<StudioBridge, 'subscribe'>) {
    this.off = bridge.subscribe((e) => this.onEvent(e));
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
    } else if (e.type === 'input.removed') {
      this.frames.delete(e.data.inputUuid);
      this.problems.delete(e.data.inputUuid);
    }
  }
}
