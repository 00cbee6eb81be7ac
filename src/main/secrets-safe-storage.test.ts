/**
 * The desktop secret store on a fake keychain: values are stored only encrypted, read back, and a
 * file this keychain cannot read (another machine's, a keychain-less one, a foreign format) gives
 * a clear error and is never overwritten.
 */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SAFE_SECRETS_FILE, SafeStorageSecretStore, type Cipher } from './secrets-safe-storage';

/** A keychain whose ciphertext only the same machine id can decrypt, like safeStorage's. */
function keychain(machine: string, opts: { available?: boolean; backend?: string } = {}): Cipher {
  const tag = Buffer.from(`v10:${machine}:`);
  const flip = (b: Buffer): Buffer => Buffer.from(b.map((x) => x ^ 0x5a));
  return {
    isEncryptionAvailable: () => opts.available ?? true,
    encryptString: (plain) => Buffer.concat([tag, flip(Buffer.from(plain, 'utf8'))]),
    decryptString: (blob) => {
      if (!blob.subarray(0, tag.length).equals(tag)) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return flip(blob.subarray(tag.length)).toString('utf8');
    },
    getSelectedStorageBackend: () => opts.backend ?? 'gnome_libsecret',
  };
}

const KEY = 'live_sk_desktop_5c1e7a';
let dir: string;
let file: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'bs-safe-'));
  file = path.join(dir, SAFE_SECRETS_FILE);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('SafeStorageSecretStore', () => {
  it('stores only ciphertext, owner-readable, and reads it back in a new instance', async () => {
    const store = new SafeStorageSecretStore(dir, keychain('this-pc'), 'linux');
    await store.set('destination:a', KEY);
    await store.set('webhook:b', 'whsec_0123');
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(Buffer.from(KEY).toString('base64'));
    expect(JSON.parse(text)).toMatchObject({ version: 1, secrets: { 'destination:a': expect.any(String) } });
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    const again = new SafeStorageSecretStore(dir, keychain('this-pc'), 'linux');
    expect(await again.get('destination:a')).toBe(KEY);
    expect(await again.get('webhook:b')).toBe('whsec_0123');
    expect(await again.get('missing')).toBeUndefined();
    await again.delete('webhook:b');
    expect(await new SafeStorageSecretStore(dir, keychain('this-pc'), 'linux').get('webhook:b')).toBeUndefined();
  });

  it('a store written on another machine gives a clear error, and a new value leaves the others untouched', async () => {
    await new SafeStorageSecretStore(dir, keychain('old-pc'), 'linux').set('destination:a', KEY);
    await new SafeStorageSecretStore(dir, keychain('old-pc'), 'linux').set('destination:b', 'other');
    const before = JSON.parse(await readFile(file, 'utf8')) as { secrets: Record<string, string> };

    const here = new SafeStorageSecretStore(dir, keychain('new-pc'), 'linux');
    await expect(here.get('destination:a')).rejects.toThrow(/could not be decrypted with this computer's keychain .*saved on another machine.*enter it again/);
    expect(await readFile(file, 'utf8')).toBe(JSON.stringify(before, null, 2));

    // Entering the key again replaces that one only; the other blob is kept as it was.
    await here.set('destination:a', 'new-key');
    const after = JSON.parse(await readFile(file, 'utf8')) as { secrets: Record<string, string> };
    expect(after.secrets['destination:b']).toBe(before.secrets['destination:b']);
    expect(await here.get('destination:a')).toBe('new-key');
  });

  it('without a keychain nothing is stored and nothing is read, and the old file stays', async () => {
    await new SafeStorageSecretStore(dir, keychain('this-pc'), 'linux').set('destination:a', KEY);
    const before = await readFile(file, 'utf8');
    const locked = new SafeStorageSecretStore(dir, keychain('this-pc', { available: false }), 'linux');
    await expect(locked.set('destination:b', 'x')).rejects.toThrow(/No system keychain is available.*not saved/);
    await expect(locked.get('destination:a')).rejects.toThrow(/keychain is unavailable.*cannot be read/);
    // Linux's hard-coded fallback key is no protection, so it counts as none.
    const basic = new SafeStorageSecretStore(dir, keychain('this-pc', { backend: 'basic_text' }), 'linux');
    await expect(basic.set('destination:b', 'x')).rejects.toThrow(/No system keychain/);
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('a file that is not ours (plain values, not JSON) is refused clearly and never overwritten', async () => {
    for (const foreign of ['{"destination:a":"live_sk_plain"}', 'not json at all', '{"version":2,"secrets":{}}']) {
      await writeFile(file, foreign);
      const store = new SafeStorageSecretStore(dir, keychain('this-pc'), 'linux');
      await expect(store.get('destination:a')).rejects.toThrow(/is not a secrets file .* left unchanged/);
      await expect(store.set('destination:a', KEY)).rejects.toThrow(/left unchanged/);
      expect(await readFile(file, 'utf8')).toBe(foreign);
    }
  });
});
