/**
 * SecretStore for the desktop app: values are encrypted with Electron's safeStorage (the OS
 * keychain) and kept as base64 blobs in userData/secrets.safestorage.json. Where no real keychain
 * is available, nothing is stored rather than storing it readable.
 *
 * Not secrets.json: server mode's FileSecretStore keeps plain values under that name, and both
 * hosts default to the same data folder, so sharing the name would mix the two formats.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SecretStore } from '../engine/api';

/** The part of Electron's safeStorage this store uses (injected so the file logic stays Electron-free). */
export interface Cipher {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: 'basic_text' means a hard-coded key, which is no protection. */
  getSelectedStorageBackend?(): string;
}

export const SAFE_SECRETS_FILE = 'secrets.safestorage.json';

interface SecretsFile {
  version: 1;
  secrets: Record<string, string>;
}

export class SafeStorageSecretStore implements SecretStore {
  private readonly file: string;
  private cache: Record<string, string> | null = null;
  /** Writes run one after another so two quick changes cannot interleave on disk. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    dir: string,
    private readonly cipher: Cipher,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {
    this.file = path.join(dir, SAFE_SECRETS_FILE);
  }

  async get(name: string): Promise<string | undefined> {
    const blob = (await this.load())[name];
    if (blob === undefined) return undefined;
    if (!this.cipher.isEncryptionAvailable()) {
      throw new Error('The system keychain is unavailable, so stored stream keys cannot be read; unlock the keychain and restart.');
    }
    try {
      return this.cipher.decryptString(Buffer.from(blob, 'base64'));
    } catch {
      // Encrypted under another machine's or another account's keychain (a copied data folder, a
      // reset keyring), or not by safeStorage at all. The file is left as it is: the other
      // secrets in it may still be readable, and a new value replaces only this one.
      throw new Error(
        `A stored secret could not be decrypted with this computer's keychain (it was saved on another machine or user account, or the keychain was reset); enter it again. ${this.file} was left unchanged.`,
      );
    }
  }

  set(name: string, value: string): Promise<void> {
    return this.change((secrets) => {
      this.assertSafe();
      secrets[name] = this.cipher.encryptString(value).toString('base64');
    });
  }

  delete(name: string): Promise<void> {
    return this.change((secrets) => {
      delete secrets[name];
    });
  }

  private assertSafe(): void {
    const plaintext =
      !this.cipher.isEncryptionAvailable() ||
      (this.platform === 'linux' && this.cipher.getSelectedStorageBackend?.() === 'basic_text');
    if (plaintext) {
      throw new Error(
        'No system keychain is available to encrypt the stream key, so it was not saved; install and unlock a keyring (e.g. GNOME Keyring or KWallet) and try again.',
      );
    }
  }

  private change(edit: (secrets: Record<string, string>) => void): Promise<void> {
    const run = this.queue.then(async () => {
      const next = { ...(await this.load()) };
      edit(next);
      await this.save(next);
      this.cache = next;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async load(): Promise<Record<string, string>> {
    if (this.cache) return this.cache;
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return (this.cache = {});
      throw error;
    }
    let data: Partial<SecretsFile>;
    try {
      data = JSON.parse(text) as Partial<SecretsFile>;
    } catch {
      data = {};
    }
    // Nothing is written over a file we cannot read: every change fails until it is dealt with.
    if (data.version !== 1 || typeof data.secrets !== 'object' || data.secrets === null) {
      throw new Error(
        `${this.file} is not a secrets file this version of Broadcast Studio can read, so it was left unchanged and stored stream keys are unavailable; move it aside and enter the keys again.`,
      );
    }
    const secrets: Record<string, string> = {};
    for (const [k, v] of Object.entries(data.secrets)) if (typeof v === 'string') secrets[k] = v;
    return (this.cache = secrets);
  }

  private async save(secrets: Record<string, string>): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const body: SecretsFile = { version: 1, secrets };
    // Write then rename, so a crash mid-write never leaves a half file.
    const tmp = `${this.file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(body, null, 2), { mode: 0o600 });
    await rename(tmp, this.file);
  }
}
