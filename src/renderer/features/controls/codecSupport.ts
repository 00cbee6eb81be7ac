/**
 * The encoder choices the stream's destinations can carry. The rule itself is the engine's
 * (codecProblem in src/shared/codecs.ts, the one it streams by); this only applies it to Settings'
 * options, so a choice no destination can take is shown disabled with the destination named.
 */
import { codecProblem, encoderCodec, type Destination } from '../../../shared';
import { AUTO, type EncoderOption } from './encoders';

export interface CodecOption extends EncoderOption {
  /** Why the destinations cannot carry it ("HEVC: not carried by RTMP destination “Twitch”"), or null. */
  blocked: string | null;
}

type Dest = Pick<Destination, 'name' | 'server' | 'enabled'>;

/** Why `encoder` cannot stream to the enabled destinations, or null; 'auto' always picks one they can. */
export function encoderBlocked(encoder: string, destinations: readonly Dest[]): string | null {
  if (encoder === AUTO) return null;
  return codecProblem(encoderCodec(encoder), destinations);
}

/** Each option with its reason; a blocked one's label says why, so the closed list reads on its own. */
export function limitEncoders(options: readonly EncoderOption[], destinations: readonly Dest[]): CodecOption[] {
  return options.map((o) => {
    const blocked = encoderBlocked(o.value, destinations);
    return { ...o, blocked, label: blocked ? `${o.value} — ${blocked}` : o.label };
  });
}
