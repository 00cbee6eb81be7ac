/** The whole stream's state: StreamStateChanged as it happens, GetStreamStatus every second. */
import { errorCode } from './errors';
import { streamFromEvent, streamFromStatus } from './parse';
import { serial } from './serial';
import type { Session } from './session';
import type { RemoteStore } from './store';

export const STREAM_POLL_MS = 1000;

const UNKNOWN_REQUEST = 204;

export function bindStream(session: Session, store: RemoteStore, now: () => number = Date.now): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setInterval> | null = null;

  const poll = serial(async () => {
    try {
      const status = await session.call('GetStreamStatus');
      if (!stopped) store.setState((s) => ({ stream: streamFromStatus(s.stream, status, now()) }));
    } catch (error) {
      // A studio without it will not grow it mid-session; anything else is tried again next second.
      if (errorCode(error) === UNKNOWN_REQUEST && timer) clearInterval(timer);
    }
  });

  const off = session.on('StreamStateChanged', (d) =>
    store.setState((s) => ({ stream: streamFromEvent(s.stream, d.outputState, now()) })),
  );
  void poll();
  timer = setInterval(() => void poll(), STREAM_POLL_MS);
  return () => {
    stopped = true;
    if (timer) clearInterval(timer);
    off();
  };
}
