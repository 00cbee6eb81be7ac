/**
 * The desktop app answers getDisplayMedia itself (display_capture / window_capture), so the studio
 * captures the screen it captured last time without asking at every start: the choice is kept in
 * display-capture.json in the data folder, by id and by name (ids change when displays are
 * re-arranged). Only our own page may capture; anything else is refused.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { desktopCapturer, type Session } from 'electron';
import type { Logger } from '../engine/api';
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

/** `screenRefused`: whether the system refuses screen recording to the app (it tells the user why; os-privacy.ts). */
export function installDisplayMediaHandler(
  ses: Session,
  opts: { dataDir: string; ours(url: string): boolean; logger: Logger; screenRefused?: () => boolean },
): void {
  const file = path.join(opts.dataDir, 'display-capture.json');
  ses.setDisplayMediaRequestHandler((request, callback) => {
    // A file:// page's origin is opaque ("file://"): judge the requesting frame's URL.
    if (!opts.ours(request.frame?.url ?? '')) {
      opts.logger.log('warn', 'refused a screen capture request', { origin: request.securityOrigin });
      callback({});
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
