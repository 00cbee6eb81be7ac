/**
 * TLS material for wss://. A certificate and key may be given as PEM text or as file paths; a
 * self-signed pair can be generated with the system's openssl (the user then trusts it once in the
 * client, or points the client at the certificate).
 */
import { execFile } from 'node:child_process';
import { chmod, mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Status, fail, ok, type Result } from '../../shared';

export interface TlsMaterial {
  cert: string;
  key: string;
}

const isPem = (text: string): boolean => text.includes('-----BEGIN ');

/** Reads whichever of cert and key is a path; PEM text is used as is. */
export async function loadTls(tls: TlsMaterial): Promise<Result<TlsMaterial>> {
  const read = async (value: string, what: 'cert' | 'key'): Promise<Result<string>> => {
    if (isPem(value)) return ok(value);
    try {
      const text = await readFile(value, 'utf8');
      if (!isPem(text)) return fail(Status.InvalidRequestField, `The TLS ${what} file ${value} is not PEM.`, `tls.${what}`);
      return ok(text);
    } catch {
      return fail(Status.FileUnreadable, `The TLS ${what} file ${value} cannot be read.`, `tls.${what}`);
    }
  };
  const cert = await read(tls.cert, 'cert');
  if (!cert.ok) return cert;
  const key = await read(tls.key, 'key');
  if (!key.ok) return key;
  return ok({ cert: cert.value, key: key.value });
}

export interface SelfSignedOptions {
  /** Folder for remote-cert.pem and remote-key.pem (created; the key is made 0600). */
  dir: string;
  /** Names and addresses the certificate is valid for. Default: localhost, 127.0.0.1, ::1. */
  hosts?: string[];
  days?: number;
  openssl?: string;
}

/**
 * Returns the self-signed pair in dir, generating it with openssl the first time. Fails with a clear
 * message when openssl is missing (the user can then supply a certificate of their own).
 */
export async function ensureSelfSignedCert(
  opts: SelfSignedOptions,
): Promise<Result<TlsMaterial & { certPath: string; keyPath: string; generated: boolean }>> {
  const certPath = path.join(opts.dir, 'remote-cert.pem');
  const keyPath = path.join(opts.dir, 'remote-key.pem');
  const existing = await Promise.all([stat(certPath).catch(() => null), stat(keyPath).catch(() => null)]);
  let generated = false;
  if (!existing[0] || !existing[1]) {
    const hosts = opts.hosts ?? ['localhost', '127.0.0.1', '::1'];
    const san = hosts.map((h) => (/^[\d.]+$/.test(h) || h.includes(':') ? `IP:${h}` : `DNS:${h}`)).join(',');
    try {
      await mkdir(opts.dir, { recursive: true });
    } catch {
      return fail(Status.CreationFailed, `The folder ${opts.dir} for the TLS certificate cannot be created.`);
    }
    const args = [
      // RSA rather than EC: every openssl and LibreSSL build generates it with these flags.
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes',
      '-keyout', keyPath, '-out', certPath, '-days', String(opts.days ?? 825),
      '-subj', '/CN=Broadcast Studio remote control', '-addext', `subjectAltName=${san}`,
    ];
    const run = await new Promise<string | null>((resolve) => {
      execFile(opts.openssl ?? 'openssl', args, { timeout: 30_000 }, (error, _stdout, stderr) =>
        resolve(error ? (String(stderr).trim().split('\n').pop() ?? error.message) : null),
      );
    });
    if (run !== null) {
      return fail(
        Status.CreationFailed,
        `A self-signed certificate could not be generated (is openssl installed?): ${run}. Supply your own certificate and key instead.`,
      );
    }
    await chmod(keyPath, 0o600).catch(() => undefined);
    generated = true;
  }
  const loaded = await loadTls({ cert: certPath, key: keyPath });
  if (!loaded.ok) return loaded;
  return ok({ ...loaded.value, certPath, keyPath, generated });
}
