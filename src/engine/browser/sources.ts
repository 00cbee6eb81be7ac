/**
 * Browser sources in the engine: which pages run (every browser_source input, or only those shown
 * when `shutdown` is on), with what settings, and where their pictures go. The host's backend runs
 * the pages isolated from the studio; this keeps the newest frame of each and hands it to renderers
 * as a browser.frame event (replayed to a renderer that connects later), so both hosts and every
 * renderer take pictures the same way. With reroute_audio on, the page's sound goes to renderers as
 * browser.audio chunks while it runs (live only), into the input's channel strip.
 */
import {
  BROWSER_REFRESH_BUTTON,
  BROWSER_SOURCE,
  Status,
  browserPageUrl,
  browserSettingsProblem,
  fail,
  ok,
  type Input,
  type Result,
  type StudioDocument,
  type StudioEvent,
} from '../../shared';
import type { Logger } from '../api';
import type { BrowserPage, BrowserPageSpec, BrowserSourceBackend } from './backend';

export interface BrowserSourcesOptions {
  /** Null where the host cannot run pages: each browser source then says so on its card. */
  backend: BrowserSourceBackend | null;
  document: () => StudioDocument;
  emit: (event: StudioEvent) => void;
  logger?: Logger;
}

interface Running {
  page: BrowserPage;
  key: string;
  seq: number;
  /** Whether its sound goes to renderers (the spec's audio, as last sent to the page). */
  audio: boolean;
  audioSeq: number;
}

const NO_BACKEND = 'this studio has no browser to run web pages in';

/** The page a browser_source input shows, or null when it shows none (no address, bad settings). */
export function pageSpec(input: Input, doc: StudioDocument): BrowserPageSpec | null {
  const s = input.settings;
  const url = browserPageUrl(s);
  if (!url) return null;
  const num = (name: string): number => {
    const v = s[name];
    return typeof v === 'number' && Number.isFinite(v) ? v : (BROWSER_SOURCE.defaults[name] as number);
  };
  const canvasFps = doc.video.fpsNumerator / Math.max(1, doc.video.fpsDenominator);
  const fps = s['fps_custom'] === true ? num('fps') : Math.min(60, Math.max(1, Math.round(canvasFps)));
  const local = s['is_local_file'] === true && typeof s['local_file'] === 'string' ? s['local_file'] : null;
  return {
    url,
    localFile: local,
    width: Math.max(1, Math.round(num('width'))),
    height: Math.max(1, Math.round(num('height'))),
    css: typeof s['css'] === 'string' ? s['css'] : '',
    fps,
    // OBS's "Control audio via OBS": off, OBS plays the page to the desktop; here it is not in the mixer.
    audio: s['reroute_audio'] === true,
  };
}

/** Every source a scene shows through enabled items, nested scenes included (a scene is a source). */
function shownBy(doc: StudioDocument, sceneUuid: string, out = new Set<string>(), depth = 0): Set<string> {
  const scene = doc.scenes.find((s) => s.uuid === sceneUuid);
  if (!scene || depth > 8) return out;
  for (const item of scene.items) {
    if (!item.enabled || out.has(item.sourceUuid)) continue;
    out.add(item.sourceUuid);
    shownBy(doc, item.sourceUuid, out, depth + 1);
  }
  return out;
}

export class BrowserSources {
  private readonly running = new Map<string, Running>();
  private readonly frames = new Map<string, Extract<StudioEvent, { type: 'browser.frame' }>>();
  private readonly problems = new Map<string, string>();
  /** Inputs on program at the last sync (for restart_when_active). */
  private onProgram = new Set<string>();
  private disposed = false;

  constructor(private readonly opts: BrowserSourcesOptions) {}

  /** Starts, updates and stops pages to match the document. */
  sync(doc: StudioDocument): void {
    if (this.disposed) return;
    const program = shownBy(doc, doc.currentSceneUuid);
    const shown = new Set(program);
    if (doc.studioMode) for (const uuid of shownBy(doc, doc.previewSceneUuid)) shown.add(uuid);
    const wanted = new Map<string, BrowserPageSpec | null>();
    for (const input of doc.inputs) {
      if (input.kind !== BROWSER_SOURCE.id) continue;
      // OBS's "Shutdown source when not visible": the page runs only while something shows it.
      if (input.settings['shutdown'] === true && !shown.has(input.uuid)) continue;
      wanted.set(input.uuid, pageSpec(input, doc));
    }
    for (const [uuid, run] of [...this.running]) {
      const spec = wanted.get(uuid);
      if (spec) continue;
      this.running.delete(uuid);
      void run.page.close().catch(() => {});
      this.dropPicture(uuid);
    }
    for (const [uuid, spec] of wanted) {
      if (!spec) {
        this.setProblem(uuid, null);
        continue;
      }
      const key = JSON.stringify(spec);
      const run = this.running.get(uuid);
      if (run) {
        if (run.key !== key) {
          run.key = key;
          run.audio = spec.audio === true;
          run.page.update(spec);
        }
        continue;
      }
      this.open(uuid, spec, key);
    }
    // restart_when_active: a page shown on program again starts over, as OBS's does.
    for (const uuid of program) {
      if (this.onProgram.has(uuid)) continue;
      const input = doc.inputs.find((i) => i.uuid === uuid);
      if (input?.settings['restart_when_active'] === true) this.running.get(uuid)?.page.reload();
    }
    this.onProgram = program;
    for (const uuid of [...this.frames.keys()]) if (!doc.inputs.some((i) => i.uuid === uuid)) this.dropPicture(uuid);
  }

  /** PressInputPropertiesButton: browser_source's refreshnocache reloads its page. */
  press(args: unknown): Result<null> {
    const a = (typeof args === 'object' && args !== null ? args : {}) as { inputUuid?: unknown; propertyName?: unknown };
    if (typeof a.inputUuid !== 'string') return fail(Status.MissingRequestField, 'inputUuid is required.', 'inputUuid');
    if (typeof a.propertyName !== 'string') return fail(Status.MissingRequestField, 'propertyName is required.', 'propertyName');
    const input = this.opts.document().inputs.find((i) => i.uuid === a.inputUuid);
    if (!input) return fail(Status.ResourceNotFound, `There is no input with uuid ${a.inputUuid}.`, 'inputUuid');
    if (input.kind !== BROWSER_SOURCE.id || a.propertyName !== BROWSER_REFRESH_BUTTON) {
      return fail(Status.ResourceNotFound, `Input "${input.name}" has no button called "${a.propertyName}".`, 'propertyName');
    }
    // A page that is not running (shut down while hidden, no address) has nothing to reload: as OBS, no error.
    this.running.get(input.uuid)?.page.reload();
    return ok(null);
  }

  /** The newest picture and problem of each source, for a renderer that just connected. */
  replay(): StudioEvent[] {
    const out: StudioEvent[] = [...this.frames.values()];
    for (const [inputUuid, problem] of this.problems) out.push({ type: 'browser.problem', data: { inputUuid, problem } });
    return out;
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    const pages = [...this.running.values()].map((r) => r.page.close().catch(() => {}));
    this.running.clear();
    await Promise.all(pages);
    await this.opts.backend?.dispose();
  }

  private open(uuid: string, spec: BrowserPageSpec, key: string): void {
    const backend = this.opts.backend;
    if (!backend) {
      this.setProblem(uuid, NO_BACKEND);
      return;
    }
    // Hosts re-check before they navigate; this is the same rule the engine applied on input.
    const bad = browserSettingsProblem({ url: spec.url, is_local_file: spec.localFile !== null, local_file: spec.localFile ?? '' });
    if (bad && spec.localFile === null) {
      this.setProblem(uuid, bad.message);
      return;
    }
    const run: Running = { page: null as unknown as BrowserPage, key, seq: 0, audio: spec.audio === true, audioSeq: 0 };
    run.page = backend.open(uuid, spec, {
      frame: (frame) => {
        if (this.running.get(uuid) !== run) return;
        const event: Extract<StudioEvent, { type: 'browser.frame' }> = {
          type: 'browser.frame',
          data: { inputUuid: uuid, seq: ++run.seq, ...frame },
        };
        this.frames.set(uuid, event);
        this.setProblem(uuid, null);
        this.opts.emit(event);
      },
      // Live only: a renderer that connects later starts with the sound from then on.
      audio: (pcm, capturedAt) => {
        if (this.running.get(uuid) !== run || !run.audio || pcm.length === 0) return;
        this.opts.emit({ type: 'browser.audio', data: { inputUuid: uuid, seq: ++run.audioSeq, data: pcm.toString('base64'), capturedAt } });
      },
      problem: (message) => {
        if (this.running.get(uuid) !== run) return;
        if (message) this.opts.logger?.log('warn', 'browser source problem', { inputUuid: uuid, message });
        this.setProblem(uuid, message);
      },
    });
    this.running.set(uuid, run);
  }

  /** A page that stopped leaves no picture behind: an empty frame tells renderers to drop theirs. */
  private dropPicture(uuid: string): void {
    if (this.frames.delete(uuid)) {
      this.opts.emit({ type: 'browser.frame', data: { inputUuid: uuid, seq: 0, width: 0, height: 0, mime: 'image/png', data: '', capturedAt: null } });
    }
    this.setProblem(uuid, null);
  }

  private setProblem(uuid: string, problem: string | null): void {
    if ((this.problems.get(uuid) ?? null) === problem) return;
    if (problem) this.problems.set(uuid, problem);
    else this.problems.delete(uuid);
    this.opts.emit({ type: 'browser.problem', data: { inputUuid: uuid, problem } });
  }
}
