/**
 * The show's events, told from the engine's. The engine speaks in state machines (the aggregate
 * stream goes connecting → live ⇄ reconnecting → stopping → idle); a receiver wants happenings:
 * "the show started" once per run, not again after every reconnect, and "it stopped" only when it
 * had started. Destinations are told by id and name only.
 */
import type { StudioError, StudioEvent } from '../../shared';
import { redact } from '../log/redact';
import type { DestinationData, Happening } from './payload';

export class ShowEvents {
  /** When the current run first went live (clock ms), or null when no run is live yet. */
  private liveSince: number | null = null;

  constructor(private readonly now: () => number) {}

  take(event: StudioEvent): Happening[] {
    switch (event.type) {
      case 'stream.state': {
        const { state, error } = event.data;
        if (state === 'live' && this.liveSince === null) {
          this.liveSince = this.now();
          return [{ event: 'stream.started', data: {} }];
        }
        if ((state === 'idle' || state === 'failed') && this.liveSince !== null) {
          const durationMs = Math.max(0, Math.round(this.now() - this.liveSince));
          this.liveSince = null;
          return [{ event: 'stream.stopped', data: { state, durationMs, error: message(error) } }];
        }
        return [];
      }
      case 'destination.state': {
        const { id, name, state, attempt, retryInMs, error } = event.data;
        // Built field by field: nothing else the event might one day carry (a server) slips through.
        const data: DestinationData = { id, name, attempt, retryInMs: retryInMs ?? null, error: message(error) };
        if (state === 'live') return [{ event: 'destination.live', data }];
        if (state === 'reconnecting') return [{ event: 'destination.reconnecting', data }];
        if (state === 'failed') return [{ event: 'destination.failed', data }];
        return [];
      }
      case 'record.saved': {
        const { path, remuxedPath, bytes, durationMs } = event.data;
        return [{ event: 'recording.saved', data: { path, remuxedPath, bytes, durationMs } }];
      }
      case 'report.saved': {
        const { path, htmlPath, durationMs } = event.data;
        return [{ event: 'stream.report', data: { path, htmlPath, durationMs } }];
      }
      default:
        return [];
    }
  }
}

/**
 * An error's message for a receiver outside the machine. Engine messages are written without
 * secrets, but some quote FFmpeg; any URL is cut out whole, since a server URL may hold credentials.
 */
export function message(error: StudioError | undefined): string | null {
  if (!error) return null;
  // Trailing punctuation ("…/key: I/O error") belongs to the prose, not the URL.
  return redact(error.message).replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s'"<>]*?(?=[:,;.!?)]*(?:[\s'"<>]|$))/gi, '<url>');
}
