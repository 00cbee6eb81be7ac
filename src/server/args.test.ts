import { describe, expect, it } from 'vitest';
import { DEFAULT_PORT, parseFlags } from './args';

describe('parseFlags', () => {
  it('defaults to port 8420, the default data dir, no browser', () => {
    expect(parseFlags([])).toEqual({ ok: true, flags: { port: DEFAULT_PORT, dataDir: null, headless: false, help: false } });
  });

  it('reads values both as --flag value and --flag=value', () => {
    expect(parseFlags(['--port', '0', '--data-dir', 'd', '--headless'])).toEqual({
      ok: true,
      flags: { port: 0, dataDir: 'd', headless: true, help: false },
    });
    expect(parseFlags(['--port=65535', '--data-dir=/x y'])).toMatchObject({ ok: true, flags: { port: 65535, dataDir: '/x y' } });
  });

  it.each([
    [['--port', '-1'], /from 0 to 65535, not '-1'/],
    [['--port', '65536'], /from 0 to 65535, not '65536'/],
    [['--port', '80.5'], /not '80.5'/],
    [['--port='], /not ''/],
    [['--data-dir', '--headless'], /--data-dir needs a folder/],
    [['--headless=yes'], /takes no value/],
    [['serve'], /Unknown option 'serve'/],
  ])('refuses %j', (argv, message) => {
    const parsed = parseFlags(argv);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });
});
