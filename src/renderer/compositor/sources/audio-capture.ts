/**
 * The capture half shared by audio_input and audio_output_capture: opens a MediaStream, hands its
 * sound to the input's channel strip once, and closes it (tracks stopped, strip detached) when the
 * settings that chose it change or the source goes away. An open that finishes after a newer one
 * began, or after dispose, is closed at once, so a quick change of device never leaves a stream live.
 * A capture given a CaptureDelay (a microphone: a camera's own or an audio_input) is played by its
 * capture stamps (./timed-audio.ts), so it goes out with the camera pictures captured with it.
 */
import type { CaptureDelay } from './capture-delay';
import { createTimedAudio } from './timed-audio';
import type { SourceContext, SourceInfo } from './types';

/** AudioCapture.problem while a stream is being opened. */
export const OPENING = 'opening…';

export interface AudioCapture {
  /** Opens (again) with this opener; the previous stream, if any, is closed first. */
  open(opener: () => Promise<MediaStream>): void;
  /** Why the capture has no sound now, or null while it plays. */
  readonly problem: string | null;
  /** Whether its sound is played by its capture stamps now (a delay was given and the page can). */
  readonly timed: boolean;
  dispose(): void;
}

export function createAudioCapture(ctx: SourceContext, info: SourceInfo, delay?: CaptureDelay): AudioCapture {
  let generation = 0;
  let stream: MediaStream | null = null;
  let detach: (() => void) | null = null;
  let problem: string | null = null;
  let timedNow = false;
  let disposed = false;

  const close = (): void => {
    detach?.();
    detach = null;
    timedNow = false;
    for (const t of stream?.getTracks() ?? []) t.stop();
    stream = null;
  };

  return {
    get problem() {
      return problem;
    },
    get timed() {
      return timedNow;
    },
    open(opener) {
      close();
      const gen = ++generation;
      const port = ctx.audio;
      if (!port) {
        problem = 'audio is unavailable in this renderer';
        return;
      }
      problem = OPENING;
      opener().then(
        (s) => {
          if (disposed || gen !== generation) {
            for (const t of s.getTracks()) t.stop();
            return;
          }
          const audio = s.getAudioTracks();
          for (const t of s.getVideoTracks()) t.stop();
          if (audio.length === 0) {
            problem = 'the system gave no sound to capture';
            ctx.warnOnce(`capture:${info.uuid}:none`, `Audio capture "${info.name}": ${problem}.`);
            return;
          }
          stream = new MediaStream(audio);
          const timed = delay ? createTimedAudio(port, audio[0]!, delay) : null;
          timedNow = timed !== null;
          if (timed) detach = () => timed.dispose();
          else {
            const node = new MediaStreamAudioSourceNode(port.context, { mediaStream: stream });
            detach = port.attach(node);
          }
          problem = null;
        },
        (err: unknown) => {
          if (disposed || gen !== generation) return;
          problem = describe(err);
          ctx.warnOnce(`capture:${info.uuid}:${problem}`, `Audio capture "${info.name}" has no sound: ${problem}.`);
        },
      );
    },
    dispose() {
      disposed = true;
      generation++;
      close();
    },
  };
}

/** A getUserMedia/getDisplayMedia failure in words a person can act on. */
export function describe(err: unknown): string {
  const name = err instanceof Error || (typeof err === 'object' && err !== null && 'name' in err) ? String((err as { name: unknown }).name) : '';
  switch (name) {
    case 'NotAllowedError':
      return 'permission to capture was refused';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'the chosen device is not connected';
    case 'NotReadableError':
      return 'the device is busy or failed to start';
    case 'NotSupportedError':
      return 'this system cannot capture it';
    default:
      return err instanceof Error ? err.message : String(err);
  }
}
