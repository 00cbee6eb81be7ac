import { useStudio } from '../../stores/context';
import { CANVAS_RATE_HINT, canvasRateText, configuredFps } from './canvas-rate';
import { useCompositorStats } from './useCompositorStats';

/**
 * What the status bar and the Stats dock both show, worked out once: the engine's output stats
 * (once a second while live) and this window's compositor's own (its measured frame rate beside the
 * set one, and its render time while no output owner reports one).
 */
export function useStatsFigures() {
  const video = useStudio((s) => s.document?.video);
  const stats = useStudio((s) => s.stats);
  const state = useStudio((s) => s.streamState);
  const recording = useStudio((s) => s.record.state === 'recording');
  const recordMs = useStudio((s) => s.record.durationMs);
  const canvas = useCompositorStats(true);
  // The encoder also runs for a recording alone: its numbers are live then too.
  const idle = (state === 'idle' || state === 'failed') && !recording;
  const recordingOnly = recording && (state === 'idle' || state === 'failed');
  return {
    stats,
    /** No encoder running: the encoder's own numbers mean nothing now. */
    idle,
    state: recordingOnly ? 'recording' : state,
    /** "58.9 / 60 fps", or null before the compositor has run. */
    canvasFps: canvas && video ? canvasRateText(canvas.fps, configuredFps(video)) : null,
    canvasHint: canvas ? `${CANVAS_RATE_HINT} ${canvas.glRenderer}` : CANVAS_RATE_HINT,
    // Recording alone (no stream): the time is the recording's, counting while it records.
    uptimeLabel: recordingOnly ? 'Recording' : 'Uptime',
    uptimeMs: recordingOnly ? recordMs : stats.uptimeMs,
    // Idle, no output owner reports a render time: this window's compositor has one.
    renderMs: idle && canvas ? canvas.renderMs : stats.renderMs,
  };
}
