/**
 * A UDP forwarder between an SRT caller and its listener that keeps what the caller sent, so a
 * test can see what went over the wire — such as the stream id in SRT's handshake, where the
 * protocol stores the text as 32-bit words with their bytes reversed.
 */
import dgram from 'node:dgram';

export interface UdpTap {
  port: number;
  /** Whether some datagram from the caller carried `text` as an SRT handshake writes it. */
  sawSrtString(text: string): boolean;
  stop(): Promise<void>;
}

/** Datagrams kept from the caller: the handshake comes first, so a few hundred are plenty. */
const KEEP = 256;

export async function startUdpTap(targetPort: number): Promise<UdpTap> {
  const front = dgram.createSocket('udp4');
  const back = dgram.createSocket('udp4');
  const kept: Buffer[] = [];
  let caller: dgram.RemoteInfo | null = null;
  front.on('message', (msg, from) => {
    caller = from;
    if (kept.length < KEEP) kept.push(Buffer.from(msg));
    back.send(msg, targetPort, '127.0.0.1');
  });
  back.on('message', (msg) => {
    if (caller) front.send(msg, caller.port, caller.address);
  });
  for (const s of [front, back]) s.on('error', () => {});
  await new Promise<void>((resolve) => back.bind(0, '127.0.0.1', resolve));
  const port = await new Promise<number>((resolve) => front.bind(0, '127.0.0.1', () => resolve(front.address().port)));
  return {
    port,
    sawSrtString(text) {
      const words = Buffer.alloc(Math.ceil(Buffer.byteLength(text) / 4) * 4);
      words.write(text);
      for (let i = 0; i < words.length; i += 4) words.subarray(i, i + 4).reverse();
      return kept.some((d) => d.includes(words));
    },
    async stop() {
      await Promise.all([front, back].map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    },
  };
}
