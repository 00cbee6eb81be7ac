import { useEffect, useRef, useState } from 'react';
import { useConnected, useServices } from './context';
import { Panel } from './Panel';

/** How long to wait before asking for the playlist again when it is not there (nothing encodes yet). */
const RETRY_MS = 2000;

type Phase = 'off' | 'waiting' | 'playing' | 'unsupported' | 'error';

/**
 * The program as the studio's HLS preview (engine/output/hls-preview.ts): StartPreviewHls gives the
 * playlist's URL with this run's token, on this page's own server. hls.js is loaded only when a
 * producer opens the preview, so the remote stays small for everyone else; Safari plays HLS itself.
 * The player keeps one segment behind the live edge (liveSyncDurationCount 1) for low latency.
 */
export function PreviewPanel() {
  const connected = useConnected();
  const { connection } = useServices();
  const [shown, setShown] = useState(false);
  const [phase, setPhase] = useState<Phase>('off');
  const [message, setMessage] = useState<string | null>(null);
  const video = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    const session = connection.session();
    const el = video.current;
    if (!shown || !connected || !session || !el) {
      setPhase('off');
      return;
    }
    let cancelled = false;
    let retry: ReturnType<typeof setTimeout> | null = null;
    let player: { destroy(): void } | null = null;
    const stopPlayer = (): void => {
      player?.destroy();
      player = null;
    };
    const again = (): void => {
      stopPlayer();
      if (!cancelled) retry = setTimeout(() => void start(), RETRY_MS);
    };
    const start = async (): Promise<void> => {
      try {
        const answer = await session.vendor('StartPreviewHls');
        if (cancelled) return;
        const url = typeof answer['url'] === 'string' ? new URL(answer['url'], window.location.href).href : null;
        if (!url) throw new Error('The studio gave no preview address.');
        if (answer['active'] !== true) {
          setPhase('waiting');
          setMessage('The preview plays while the stream or a recording runs.');
          return again();
        }
        const { default: Hls } = await import('hls.js/light');
        if (cancelled) return;
        if (Hls.isSupported()) {
          const hls = new Hls({ liveSyncDurationCount: 1, liveMaxLatencyDurationCount: 3, lowLatencyMode: false, backBufferLength: 10 });
          player = hls;
          hls.on(Hls.Events.ERROR, (_event, data) => {
            if (!data.fatal) return;
            setPhase('waiting');
            setMessage('Waiting for the preview…');
            again();
          });
          hls.on(Hls.Events.MANIFEST_PARSED, () => void el.play().catch(() => {}));
          hls.loadSource(url);
          hls.attachMedia(el);
        } else if (el.canPlayType('application/vnd.apple.mpegurl')) {
          el.src = url;
          player = { destroy: () => el.removeAttribute('src') };
          void el.play().catch(() => {});
        } else {
          setPhase('unsupported');
          setMessage('This browser cannot play the preview.');
          return;
        }
        setPhase('playing');
        setMessage(null);
      } catch (error) {
        if (cancelled) return;
        setPhase('error');
        setMessage(error instanceof Error ? error.message : String(error));
        again();
      }
    };
    void start();
    return () => {
      cancelled = true;
      if (retry) clearTimeout(retry);
      stopPlayer();
    };
  }, [shown, connected, connection]);

  return (
    <Panel
      title="Preview"
      testid="remote-hls-preview"
      actions={
        <button type="button" className="button" data-testid="remote-preview-toggle" disabled={!connected} aria-pressed={shown} onClick={() => setShown((v) => !v)}>
          {shown ? 'Hide' : 'Show'}
        </button>
      }
    >
      {shown ? (
        <>
          <video ref={video} className="remote-preview-video" data-testid="remote-preview-video" data-phase={phase} muted playsInline autoPlay />
          {message ? (
            <p className="stat" data-testid="remote-preview-message">
              {message}
            </p>
          ) : null}
        </>
      ) : null}
    </Panel>
  );
}
