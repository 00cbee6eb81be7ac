import { useCallback, useEffect, useRef, useState } from 'react';
import { useActions } from '../stores/context';
import type { Output } from './outputs';

/**
 * The engine's outputs ('media.outputs'), asked for when the form opens and again on refresh (the
 * field's focus), so an output plugged in while the dock is open shows up. Null until the first reply;
 * a failed call keeps what was known (the field then shows the chosen output by name).
 */
export function useOutputs(): { outputs: Output[] | null; refresh: () => void } {
  const { call } = useActions();
  const [outputs, setOutputs] = useState<Output[] | null>(null);
  const live = useRef(true);
  const refresh = useCallback(() => {
    void call('media.outputs', {}, { quiet: true }).then((r) => {
      if (live.current && r.ok) setOutputs(r.value.outputs);
    });
  }, [call]);
  useEffect(() => {
    live.current = true;
    refresh();
    return () => {
      live.current = false;
    };
  }, [refresh]);
  return { outputs, refresh };
}
