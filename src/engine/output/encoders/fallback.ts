/**
 * When the encoding FFmpeg dies, was it the encoder (a GPU that reset, a driver that ran out of
 * sessions) or the network? Only the first is cured by switching to libx264; the second is the
 * destinations' business (reconnect with backoff) and switching encoders would only lose quality.
 *
 * An encoder failure shows as a complaint in the encoder's own log context or a hardware/driver
 * message (CUDA, MFX, VA-API, AMF, VideoToolbox), or as FFmpeg's "could not encode/open" lines. A
 * network failure shows as muxer/socket errors with nothing from the encoder. "Conversion failed!"
 * ends both, so it decides nothing.
 */
import { encoderInfo } from './catalog';
import { encoderErrorLine, explainFailure } from './explain';

export interface EncoderExit {
  code: number | null;
  signal: string | null;
  /**
   * Whether FFmpeg had opened its output ("Output #0") before it ended: mid-stream vs start-up.
   * Unknown (absent): inferred from the lines. The supervisor's ExitInfo fits this type as is.
   */
  outputOpened?: boolean;
}

/**
 * Hardware and driver error messages that only an encoder path prints. Deliberately not bare
 * encoder names: "Stream #0:0 -> #0:0 (… (h264_nvenc))" is in every log of a healthy stream too.
 */
const HARDWARE = new RegExp(
  [
    'OpenEncodeSessionEx failed', 'EncodePicture failed', 'NV_ENC_ERR_', 'CUDA_ERROR_', '\\bcu[A-Z]\\w*\\(.*\\) failed',
    'Cannot load (?:libcuda|nvcuda|libnvidia-encode|nvEncodeAPI)', 'nvenc API version',
    'MFX session', 'MFX_ERR_', 'Error during encoding: ',
    'Failed to initiali[sz]e VAAPI', 'No VA display', 'Failed to end picture encode', 'No usable encoding (?:profile|entrypoint)',
    'DLL amfrt', '(?:SubmitInput|QueryOutput|CreateComponent)\\(\\) failed with error',
    'cannot create compression session', 'hardware encoder may be busy',
    'Unknown encoder',
  ].join('|'),
);
/** FFmpeg's own lines for an encoder that would not open or stopped accepting frames (5.1 and later). */
const ENCODER_SUMMARY = /Error while opening encoder|Video encoding failed|Error submitting video frame to the encoder|Error encoding a frame/;
/** Lines that only a command that never got going prints. */
const START_FAILURE = /Error while opening encoder|Unknown encoder|Error parsing global options/;
/** Socket and muxer trouble: the signature of a lost or refused destination. */
const NETWORK =
  /Broken pipe|Connection (?:reset|refused|timed out)|End of file|Network is unreachable|No route to host|Failed to resolve hostname|Name or service not known|av_interleaved_write_frame\(\)|Error writing trailer|Error muxing a packet|Cannot open connection|Server error|Input\/output error/i;

export function isEncoderFailure(lines: readonly string[], exit: EncoderExit): boolean {
  if (exit.code === 0 && exit.signal === null) return false; // a clean end is no failure
  // Encoders warn at start-up ("… not supported, disabling …") and keep running; once the output
  // is open ("Output #0"), only what came after it can explain a mid-stream death.
  const opened = lines.findLastIndex((l) => /^Output #\d+/.test(l));
  const recent = opened >= 0 ? lines.slice(opened + 1) : lines;
  if (recent.some((l) => HARDWARE.test(l)) || encoderErrorLine(recent) !== null) return true;
  // The generic lines alone count only when nothing points at the network: a failed write stops
  // FFmpeg feeding its encoder, and some builds then report that as an encoding error too.
  return recent.some((l) => ENCODER_SUMMARY.test(l)) && !recent.some((l) => NETWORK.test(l));
}

export interface FallbackSwitch {
  from: string;
  /** Always libx264: it needs no hardware, so it is the encoder that cannot fail the same way. */
  to: 'libx264';
  /** One sentence for the user, naming the encoder and the cause. */
  message: string;
}

/**
 * Remembers which encoder the output runs and switches it to libx264 once when a hardware encoder
 * fails. A second failure is not an encoder problem this can solve, so it answers null and the
 * caller handles the exit as it would any other.
 */
export class EncoderFallback {
  private current: string;
  private switchedFrom: string | null = null;

  constructor(encoder: string) {
    this.current = encoder;
  }

  get encoder(): string {
    return this.current;
  }

  /** The hardware encoder this replaced, or null while none has failed. */
  get fellBackFrom(): string | null {
    return this.switchedFrom;
  }

  /** The encoder FFmpeg should be restarted with after this exit, or null to keep the current one. */
  next(lines: readonly string[], exit: EncoderExit): FallbackSwitch | null {
    if (this.switchedFrom !== null || this.current === 'libx264') return null;
    // An unknown name set by hand is treated like hardware: libx264 is still the way out.
    if (encoderInfo(this.current)?.hardware === false) return null;
    if (!isEncoderFailure(lines, exit)) return null;
    const from = this.current;
    const cause = explainFailure(from, lines);
    this.switchedFrom = from;
    this.current = 'libx264';
    // Unknown opened-state: an encoder that never opened always leaves one of these lines.
    const atStart = exit.outputOpened === false || (exit.outputOpened === undefined && lines.some((l) => START_FAILURE.test(l)));
    const message =
      atStart
        ? `${from} could not start (${cause}); switched to libx264.`
        : `${from} stopped working mid-stream (${cause}); switched to libx264, destinations stay live.`;
    return { from, to: 'libx264', message };
  }

  /** The user picked an encoder again (or a new show starts): allow one more fallback. */
  reset(encoder: string): void {
    this.current = encoder;
    this.switchedFrom = null;
  }
}
