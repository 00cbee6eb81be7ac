/**
 * A TLS terminator in front of a plain TCP server (nginx-rtmp), as RTMPS services have: what
 * arrives over TLS on its port is passed on in the clear. Its certificate is self-signed, made with
 * the system's openssl the way the studio makes its own for wss:// (FFmpeg's rtmps does not
 * verify certificates unless told to).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { ensureSelfSignedCert } from '../../src/engine/remote/tls';

export interface TlsProxy {
  port: number;
  /** The self-signed certificate's PEM file, for a client told to trust it. */
  certFile: string;
  /** TLS sessions that completed a handshake so far. */
  sessions(): number;
  stop(): Promise<void>;
}

export async function startTlsProxy(targetPort: number): Promise<TlsProxy> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tls-proxy-'));
  const cert = await ensureSelfSignedCert({ dir, hosts: ['localhost', '127.0.0.1'] });
  if (!cert.ok) throw new Error(cert.error.message);
  const sockets = new Set<net.Socket>();
  let sessions = 0;
  const server = tls.createServer({ cert: cert.value.cert, key: cert.value.key }, (front) => {
    sessions++;
    const back = net.connect({ port: targetPort, host: '127.0.0.1' });
    for (const s of [front, back]) {
      sockets.add(s);
      s.on('error', () => {});
      s.on('close', () => {
        sockets.delete(s);
        front.destroy();
        back.destroy();
      });
    }
    front.pipe(back);
    back.pipe(front);
  });
  server.on('tlsClientError', () => {});
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port));
  });
  return {
    port,
    certFile: cert.value.certPath,
    sessions: () => sessions,
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
