/** Frame messages as a renderer sends them (src/shared/wire.ts), for feeding the engine in tests. */
import {
  AUDIO_CHANNELS,
  AUDIO_SAMPLE_RATE,
  AudioFormat,
  FRAME_HEADER_BYTES,
  FrameKind,
  VideoFormat,
  writeFrameHeader,
} from '../../src/shared';

function message(payload: Uint8Array, header: Parameters<typeof writeFrameHeader>[1]): Uint8Array {
  const out = new Uint8Array(FRAME_HEADER_BYTES + payload.byteLength);
  writeFrameHeader(new DataView(out.buffer), header);
  out.set(payload, FRAME_HEADER_BYTES);
  return out;
}

export function videoMessage(nv12: Uint8Array, width: number, height: number, sequence: number): Uint8Array {
  return message(nv12, { kind: FrameKind.Video, format: VideoFormat.NV12, width, height, sequence, captureMs: 0 });
}

export function audioMessage(pcm: Uint8Array, firstSample: number): Uint8Array {
  return message(pcm, {
    kind: FrameKind.Audio,
    format: AudioFormat.S16LE,
    width: AUDIO_SAMPLE_RATE,
    height: AUDIO_CHANNELS,
    sequence: firstSample,
    captureMs: 0,
  });
}

/** count stereo s16le samples of a sine starting at sample index `first` (phase-continuous). */
export function tone(freqHz: number, first: number, count: number, amplitude = 0.25): Uint8Array {
  const out = new Int16Array(count * AUDIO_CHANNELS);
  for (let i = 0; i < count; i++) {
    const s = Math.round(Math.sin((2 * Math.PI * freqHz * (first + i)) / AUDIO_SAMPLE_RATE) * amplitude * 32767);
    for (let c = 0; c < AUDIO_CHANNELS; c++) out[i * AUDIO_CHANNELS + c] = s;
  }
  return new Uint8Array(out.buffer);
}
