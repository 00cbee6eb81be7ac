/**
 * Live scene thumbnails: GetSourceScreenshot of each scene on screen, 320x180 JPEG, each refreshed
 * every few seconds. One request at a time, stalest first, so a slow studio is never flooded; a
 * studio that cannot take pictures right now (no compositor yet, say) is skipped quietly and asked
 * again on the next round, and one that does not know the request is not asked again.
 */
import { errorCode } from './errors';
import type { Session } from './session';
import type { RemoteStore } from './store';

export const THUMB_WIDTH = 320;
export const THUMB_HEIGHT = 180;
export const REFRESH_MS = 3000;
const IDLE_MS = 500;
const GAP_MS = 100;
const UNKNOWN_REQUEST = 204;

export interface Thumbnailer {
  /** An element showing this scene is on screen; only watched scenes are refreshed. Returns the unwatch. */
  watch(sceneName: string): () => void;
  dispose(): void;
}

export interface ThumbnailerOptions {
  now?: () => number;
  /** Whether the page is hidden (a backgrounded tab asks for nothing). */
  hidden?: () => boolean;
}

/** The visible scene whose picture is oldest, if it is older than the refresh period. */
export function pickStalest(visible: Iterable<string>, shotAt: ReadonlyMap<string, number>, now: number): string | null {
  let best: string | null = null;
  let bestAt = Infinity;
  for (const name of visible) {
    const at = shotAt.get(name) ?? -Infinity;
    if (now - at >= REFRESH_MS && at < bestAt) {
      best = name;
      bestAt = at;
    }
  }
  return best;
}

export function createThumbnailer(
  store: RemoteStore,
  session: () => Session | null,
  opts: ThumbnailerOptions = {},
): Thumbnailer {
  const now = opts.now ?? Date.now;
  const hidden = opts.hidden ?? (() => typeof document !== 'undefined' && document.hidden);
  // Scene name → how many elements on screen show it (a scene button and a studio-mode monitor may).
  const visible = new Map<string, number>();
  const shotAt = new Map<string, number>();
  let unsupported: Session | null = null;
  let disposed = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const schedule = (ms: number): void => {
    if (!disposed) timer = setTimeout(() => void tick(), ms);
  };

  const tick = async (): Promise<void> => {
    timer = null;
    const s = session();
    const name = s && s !== unsupported && !hidden() ? pickStalest(visible.keys(), shotAt, now()) : null;
    if (!s || !name) {
      schedule(IDLE_MS);
      return;
    }
    shotAt.set(name, now());
    try {
      const { imageData } = await s.call('GetSourceScreenshot', {
        sourceName: name,
        imageFormat: 'jpeg',
        imageWidth: THUMB_WIDTH,
        imageHeight: THUMB_HEIGHT,
        imageCompressionQuality: 70,
      });
      if (!disposed && typeof imageData === 'string' && imageData.startsWith('data:image/')) {
        store.setState((st) => ({ thumbnails: { ...st.thumbnails, [name]: imageData } }));
      }
    } catch (error) {
      if (errorCode(error) === UNKNOWN_REQUEST) unsupported = s;
    }
    schedule(GAP_MS);
  };

  schedule(0);
  return {
    watch(sceneName) {
      visible.set(sceneName, (visible.get(sceneName) ?? 0) + 1);
      let watching = true;
      return () => {
        if (!watching) return;
        watching = false;
        const count = (visible.get(sceneName) ?? 1) - 1;
        if (count > 0) visible.set(sceneName, count);
        else visible.delete(sceneName);
      };
    },
    dispose() {
      disposed = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
