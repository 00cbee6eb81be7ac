import { useEffect, useState } from 'react';
import type { CompositorStats } from '../../compositor/api';
import { useServices, useUi } from '../../stores/context';

/** The compositor's own numbers, polled once a second while `active`. */
export function useCompositorStats(active: boolean): CompositorStats | null {
  const { ui } = useServices();
  const compositor = useUi((s) => s.compositor);
  const [stats, setStats] = useState<CompositorStats | null>(null);
  useEffect(() => {
    if (!active || !compositor) return;
    const read = () => setStats(ui.getState().compositor?.stats() ?? null);
    read();
    const timer = setInterval(read, 1000);
    return () => clearInterval(timer);
  }, [active, compositor, ui]);
  return active && compositor ? stats : null;
}
