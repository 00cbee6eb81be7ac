/**
 * The desktop app answers getDisplayMedia itself (display_capture / window_capture), so the studio
 * captures the screen it captured last time without asking at every start: the choice is kept in
 * display-capture.json in the data folder, by id and by name (ids change when displays are
 * re-arranged). Only our own page may capture; anything else is refused.
 *
 * It also carries browser sources' sound: the studio's page first asks, over one narrow IPC call
 * (`browserSourceAudio`, an input's uuid), for the next getDisplayMedia it makes to be that
 * source's page; the handler then answers with the page's main frame as the stream ("Passing a
 * WebFrameMain object as a video or audio stream will capture the video or audio stream from that
 * frame"). A ticket is good once, for a few seconds, for the frame that asked, and only for a
 * running page whose reroute_audio is on (OffscreenBrowserHost.audioFrame).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { desktopCapturer, ipcMain, type IpcMainInvokeEvent, type Session, type WebFrameMain } from 'electron';
import type { Disposable, Logger } from '../engine/api';
import { IpcChannel, Status, fail, ok, type Result } from '../shared';
import { loopbackAudio } from './loopback';

export interface CaptureChoice {
  id: string;
  name: string;
}

/** The remembered source if it is still there (by id, then name), else the first screen, else the first source. */
export function chooseSource<T extends CaptureChoice>(sources: readonly T[], remembered: CaptureChoice | null): T | null {
  if (remembered) {
    const found = sources.find((s) => s.id === remembered.id) ?? sources.find((s) => s.name === remembered.name);
    if (found) return found;
  }
  return sources.find((s) => s.id.startsWith('screen:')) ?? sources[0] ?? null;
}

export function readChoice(file: string): CaptureChoice | null {
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<CaptureChoice>;
    return typeof raw.id === 'string' && typeof raw.name === 'string' ? { id: raw.id, name: raw.name } : null;
  } catch {
    return null;
  }
}

/** Who asked: a frame, as Electron names it (process and routing id). */
type Requester = Pick<WebFrameMain, 'processId' | 'routingId'>;

/** How long a ticket waits for its getDisplayMedia call. */
export const PAGE_AUDIO_TICKET_MS = 5000;

/** Tickets for browser sources' sound: armed over IPC by the studio's page, taken by its next getDisplayMedia. */
export class PageAudioRoute {
  private readonly tickets = new Map<string, { frame: WebFrameMain; expires: number }>();

  constructor(
    private readonly host: { audioFrame(id: string): WebFrameMain | null },
    private readonly now: () => number = Date.now,
  ) {}

  /** The studio's frame `requester` will next capture input `inputUuid`'s page. */
  arm(requester: Requester, inputUuid: unknown): Result<null> {
    if (typeof inputUuid !== 'string' || inputUuid === '' || inputUuid.length > 100) {
      return fail(Status.InvalidRequestField, 'inputUuid must be an input uuid (1 to 100 characters).', 'inputUuid');
    }
    const frame = this.host.audioFrame(inputUuid);
    if (!frame) return fail(Status.InvalidResourceState, `Input ${inputUuid} has no running page whose sound the studio controls (reroute_audio).`, 'inputUuid');
    this.tickets.set(key(requester), { frame, expires: this.now() + PAGE_AUDIO_TICKET_MS });
    return ok(null);
  }

  /** The page frame this requester's getDisplayMedia should get, once; null when it holds no live ticket. */
  take(requester: Requester | null): WebFrameMain | null {
    if (!requester) return null;
    const ticket = this.tickets.get(key(requester));
    if (!ticket) return null;
    this.tickets.delete(key(requester));
    return ticket.expires >= this.now() ? ticket.frame : null;
  }
}

const key = (f: Requester): string => `${f.processId}:${f.routingId}`;

/** The IPC call that arms a ticket; only the studio's own page (`trusted`) may make it. */
export function bindBrowserSourceAudio(opts: { route: PageAudioRoute; logger: Logger; trusted(event: IpcMainInvokeEvent): boolean }): Disposable {
  ipcMain.handle(IpcChannel.browserSourceAudio, (event, inputUuid: unknown) => {
    if (!opts.trusted(event) || !event.senderFrame) {
      opts.logger.log('warn', 'refused IPC from an unknown sender', { channel: IpcChannel.browserSourceAudio, url: event.senderFrame?.url ?? '(gone)' });
      return fail(Status.NotReady, 'This page may not control the studio.');
    }
    return opts.route.arm(event.senderFrame, inputUuid);
  });
  return { dispose: () => ipcMain.removeHandler(IpcChannel.browserSourceAudio) };
}

/**
 * `screenRefused`: whether the system refuses screen recording to the app (it tells the user why; os-privacy.ts).
 * `pageAudio`: browser sources' sound (see PageAudioRoute); a request holding a ticket gets the page's frame.
 */
export function installDisplayMediaHandler(
  ses: Session,
  opts: { dataDir: string; ours(url: string): boolean; logger: Logger; screenRefused?: () => boolean; pageAudio?: PageAudioRoute },
): void {
  const file = path.join(opts.dataDir, 'display-capture.json');
  ses.setDisplayMediaRequestHandler((request, callback) => {
    // A file:// page's origin is opaque ("file://"): judge the requesting frame's URL.
    if (!opts.ours(request.frame?.url ?? '')) {
      opts.logger.log('warn', 'refused a screen capture request', { origin: request.securityOrigin });
      callback({});
      return;
    }
    // A browser source's page, not a screen: no picker, no privacy question (it is our own window).
    const page = opts.pageAudio?.take(request.frame ?? null) ?? null;
    if (page) {
      callback({ video: page, audio: page });
      return;
    }
    if (opts.screenRefused?.()) {
      opts.logger.log('warn', 'screen capture is refused by the system privacy settings');
      callback({});
      return;
    }
    desktopCapturer.getSources({ types: ['screen', 'window'] }).then(
      (sources) => {
        const chosen = chooseSource(sources, readChoice(file));
        if (!chosen) {
          callback({});
          return;
        }
        try {
          writeFileSync(file, JSON.stringify({ id: chosen.id, name: chosen.name }));
        } catch (error) {
          opts.logger.log('warn', 'could not remember the captured screen', { error: String(error) });
        }
        // Desktop audio rides along where the system has a loopback (audio_output_capture).
        callback({ video: chosen, ...loopbackAudio(process.platform, request.audioRequested) });
      },
      (error: unknown) => {
        // macOS without Screen Recording permission lands here too (screenRefused says why).
        opts.screenRefused?.();
        opts.logger.log('error', 'screen capture is not available', { error: String(error) });
        callback({});
      },
    );
  });
}
