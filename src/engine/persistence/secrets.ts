/**
 * Secrets in a 0600 JSON file in the data folder: server mode and tests. (The desktop app keeps
 * them with Electron's safeStorage instead.) Operations run one at a time, and the cache changes
 * only after the file did, so a failed write leaves both as they were.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SecretStore } from '../api';
import { moveAside, writeFileAtomic } from './atomic';
import { SECRETS_FILE } from './files';

const VERSION = 1;
const MODE = 0o600;

export class FileSecretStore implements SecretStore {
  readonly file: string;
  private cache: Map<string, string> | undefined;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string) {
    this.file = path.join(dataDir, SECRETS_FILE);
  }

  get(name: string): Promise<string | undefined> {
    return this.serial(async () => (await this.load()).get(name));
  }

  set(name: string, value: string): Promise<void> {
    return this.serial(async () => {
      const next = new Map(await this.load());
      next.set(name, value);
      await this.save(next);
    });
  }

  delete(name: string): Promise<void> {
    return this.serial(async () => {
      const cur = await this.load();
      if (!cur.has(name)) return;
      const next = new Map(cur);
      next.delete(name);
      await this.save(next);
    });
  }

  private serial<T>(op: () => Promise<T>): Promise<T> {
    const run = this.chain.then(op);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async load(): Promise<Map<string, string>> {
    if (this.cache) return this.cache;
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      return (this.cache = new Map());
    }
    const parsed = parse(text);
    if (!parsed) {
      // Kept (with its 0600 mode) rather than overwritten, so nothing is destroyed; keys are re-entered.
      await moveAside(this.file, 'corrupt');
      return (this.cache = new Map());
    }
    return (this.cache = parsed);
  }

  private async save(next: Map<string, string>): Promise<void> {
    const body = { version: VERSION, secrets: Object.fromEntries(next) };
    await writeFileAtomic(this.file, `${JSON.stringify(body, null, 2)}\n`, { mode: MODE });
    this.cache = next;
  }
}

function parse(text: string): Map<string, string> | null {
  try {
    const raw = JSON.parse(text) as unknown;
    if (typeof raw !== 'object' || raw === null) return null;
    const { version, secrets } = raw as { version?: unknown; secrets?: unknown };
    if (version !== VERSION || typeof secrets !== 'object' || secrets === null || Array.isArray(secrets)) return null;
    const out = new Map<string, string>();
    for (const [k, v] of Object.entries(secrets)) {
      if (typeof v !== 'string') return null;
      out.set(k, v);
    }
    return out;
  } catch {
    return null;
  }
}
