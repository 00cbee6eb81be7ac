import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from './logger';

const dirs: string[] = [];
async function tempFile(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'logger-'));
  dirs.push(dir);
  return path.join(dir, 'nested', 'studio.log');
}
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function lines(file: string): Promise<Array<Record<string, unknown>>> {
  const text = await readFile(file, 'utf8');
  return text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('createLogger', () => {
  it('writes JSON lines with time, level, message and fields, at or above its level', async () => {
    const file = await tempFile();
    const log = createLogger({ file, level: 'info', echo: false });
    log.log('debug', 'hidden');
    log.log('info', 'hello', { n: 1 });
    log.log('error', 'bad', { err: new Error('boom') });
    await log.dispose();
    const out = await lines(file);
    expect(out.map((l) => l['msg'])).toEqual(['hello', 'bad']);
    expect(out[0]).toMatchObject({ level: 'info', n: 1 });
    expect(typeof out[0]!['time']).toBe('string');
    expect(out[1]!['err']).toMatchObject({ name: 'Error', message: 'boom' });
  });

  it('redacts every line: URLs, named secret fields, and the secrets the callback returns now', async () => {
    const file = await tempFile();
    const secrets = ['first-canary'];
    const log = createLogger({ file, echo: false, secrets: () => secrets });
    log.log('info', 'publishing to rtmp://h/live/url-canary', { args: ['-f', 'flv', 'rtmp://h/live/url-canary'] });
    log.log('info', 'stored', { key: 'field-canary', note: 'first-canary inside' });
    secrets.push('later-canary');
    log.log('warn', 'later-canary appears');
    await log.dispose();
    const text = await readFile(file, 'utf8');
    for (const canary of ['url-canary', 'field-canary', 'first-canary', 'later-canary']) expect(text).not.toContain(canary);
    expect(await lines(file)).toHaveLength(3);
  });

  it('survives circular fields and a throwing secrets callback', async () => {
    const file = await tempFile();
    const log = createLogger({
      file,
      echo: false,
      secrets: () => {
        throw new Error('store locked');
      },
    });
    const loop: Record<string, unknown> = { a: 1 };
    loop['self'] = loop;
    log.log('info', 'loop', { loop, big: 10n });
    await log.dispose();
    const [line] = await lines(file);
    expect(line).toMatchObject({ loop: { a: 1, self: '[circular]' }, big: '10' });
  });

  it('ignores lines after dispose and can be disposed twice', async () => {
    const file = await tempFile();
    const log = createLogger({ file, echo: false });
    log.log('info', 'one');
    await log.dispose();
    log.log('info', 'two');
    await log.dispose();
    expect((await lines(file)).map((l) => l['msg'])).toEqual(['one']);
  });
});
