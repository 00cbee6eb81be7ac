import { useEffect, useRef, useState } from 'react';
import { TBAR_CLAMP, TBAR_STEPS } from '../../shared';
import { useActions, useConnected, useRemote } from './context';

/**
 * OBS's T-bar: dragging moves program part-way towards the preview with the transition the studio
 * picks (SetTBarPosition, release false); letting go releases it. Near the top the take completes
 * and near the bottom it is cancelled, and the bar springs back to 0 as OBS's does; anywhere between
 * it stays where it was left. Moves are sent one at a time, newest first: a slow link skips
 * positions, never queues them.
 */
export function TBar() {
  const actions = useActions();
  const connected = useConnected();
  const program = useRemote((s) => s.program);
  const [value, setValue] = useState(0);
  const sending = useRef(false);
  const next = useRef<{ steps: number; release: boolean } | null>(null);
  const held = useRef(false);
  const latest = useRef(0);

  // Program changed (this bar's take, or anyone's): the bar is at rest again.
  useEffect(() => {
    if (!held.current) setValue(0);
  }, [program]);

  const pump = async (): Promise<void> => {
    if (sending.current) return;
    sending.current = true;
    try {
      while (next.current) {
        const { steps, release } = next.current;
        next.current = null;
        const ok = await actions.setTBar(steps / TBAR_STEPS, release);
        if (release && ok && (steps <= TBAR_CLAMP || TBAR_STEPS - steps <= TBAR_CLAMP)) {
          latest.current = 0;
          setValue(0);
        }
      }
    } finally {
      sending.current = false;
    }
  };

  const send = (steps: number, release: boolean): void => {
    // A pending release is never overtaken by a plain move.
    if (next.current?.release && !release) return;
    next.current = { steps, release };
    void pump();
  };

  const move = (steps: number): void => {
    held.current = true;
    latest.current = steps;
    setValue(steps);
    send(steps, false);
  };

  const release = (): void => {
    if (!held.current) return;
    held.current = false;
    send(latest.current, true);
  };

  return (
    <label className="tbar" data-testid="remote-tbar-label">
      <span className="tbar-caption">T-bar</span>
      <input
        type="range"
        className="tbar-input"
        data-testid="remote-tbar"
        aria-label="T-bar"
        min={0}
        max={TBAR_STEPS}
        step={1}
        value={value}
        disabled={!connected}
        onChange={(e) => move(Number(e.currentTarget.value))}
        onPointerUp={release}
        onKeyUp={release}
        onBlur={release}
      />
      <span className="tbar-value" data-testid="remote-tbar-value">
        {Math.round((value / TBAR_STEPS) * 100)}%
      </span>
    </label>
  );
}
