/**
 * The mixer's live side as the dock draws it, read from this renderer's compositor every 50 ms
 * (OBS's meter rate): each strip's levels and routing, and the master bus. Null while there is no
 * compositor or it runs without audio.
 */
import { useEffect, useState } from 'react';
import type { StripView } from '../../audio/mixer';
import { REPORT_MS } from '../../audio/levels';
import { useUi } from '../../stores/context';

export interface MixerFrame {
  levels: ReadonlyMap<string, number[][]>;
  views: ReadonlyMap<string, StripView>;
  master: number[][];
}

export function useMixerFrame(): MixerFrame | null {
  const compositor = useUi((s) => s.compositor);
  const [frame, setFrame] = useState<MixerFrame | null>(null);
  useEffect(() => {
    const mixer = compositor?.audioMixer;
    if (!mixer) {
      setFrame(null);
      return;
    }
    const read = (): void =>
      setFrame({
        levels: new Map(mixer.levels().map((l) => [l.inputUuid, l.levelsMul])),
        views: new Map(mixer.view().map((v) => [v.inputUuid, v])),
        master: mixer.masterLevels(),
      });
    read();
    const timer = setInterval(read, REPORT_MS);
    return () => clearInterval(timer);
  }, [compositor]);
  return frame;
}
