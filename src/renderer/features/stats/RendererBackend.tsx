import { useEffect, useState } from 'react';

/** GET /healthz's `renderer` in server mode (src/server/gl-probe.ts): the compositor's GL backend. */
interface RendererHealth {
  state: 'probing' | 'ready';
  backend: string | null;
  reason: string;
  source?: string;
}

/**
 * Which GL backend server mode's compositing Chromium runs on, and why (the probe's numbers). Only
 * where the page is served over HTTP by server mode; the desktop app has no /healthz and shows nothing.
 */
export function RendererBackend() {
  const [info, setInfo] = useState<RendererHealth | null>(null);
  useEffect(() => {
    if (!/^https?:$/.test(window.location.protocol)) return;
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async (): Promise<void> => {
      try {
        const res = await fetch('/healthz', { signal: abort.signal, cache: 'no-store' });
        const body = (await res.json()) as { renderer?: RendererHealth };
        if (abort.signal.aborted) return;
        setInfo(body.renderer ?? null);
        // While the probe runs, ask again; once chosen it does not change for this run.
        if (body.renderer?.state === 'probing') timer = setTimeout(() => void load(), 3000);
      } catch {
        // Not server mode, or the server stopped: nothing to show.
      }
    };
    void load();
    return () => {
      abort.abort();
      clearTimeout(timer);
    };
  }, []);
  if (!info) return null;
  return (
    <p className="renderer-backend" data-testid="renderer-backend" data-backend={info.backend ?? ''} data-source={info.source ?? info.state}>
      <strong>Compositor GL:</strong> {info.backend ? `${info.backend} (${info.source ?? ''})` : 'measuring…'} — <span data-testid="renderer-backend-reason">{info.reason}</span>
    </p>
  );
}
