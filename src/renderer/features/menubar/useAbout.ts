import { useEffect, useState } from 'react';
import type { StudioAbout } from '../../../shared';
import { useActions, useStudio } from '../../stores/context';

/** The engine's studio.about, asked again when the folders in the settings change (never while !wanted). */
export function useAbout(wanted = true): StudioAbout | null {
  const { call } = useActions();
  const connected = useStudio((s) => s.connected);
  const recordings = useStudio((s) => s.document?.output.recording.folder);
  const shots = useStudio((s) => s.document?.output.screenshots?.folder);
  const [about, setAbout] = useState<StudioAbout | null>(null);
  useEffect(() => {
    if (!connected || !wanted) return;
    let live = true;
    void call('studio.about', {}, { quiet: true }).then((r) => live && r.ok && setAbout(r.value));
    return () => {
      live = false;
    };
  }, [connected, wanted, call, recordings, shots]);
  return about;
}
