import { useEffect, useState } from 'react';

/** Wall time in ms, refreshed every `everyMs` while `on` (a running clock); the timer stops with the component. */
export function useNow(on: boolean, everyMs = 250): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!on) return;
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [on, everyMs]);
  return on ? now : Date.now();
}
