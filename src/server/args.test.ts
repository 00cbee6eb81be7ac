import { describe, expect, it } from 'vitest';
import { DEFAULT_PORT, DEFAULT_WS_PORT, parseFlags } from './args';

const WS_DEFAULTS = {
  wsPort: DEFAULT_WS_PORT,
  wsBind: '127.0.0.1',
  wsPassword: null,
  wsPasswordFile: null,
  wsTlsCert: null,
  wsTlsKey: null,
  wsAllowOrigins: [],
  ws: true,
  ffmpeg: null,
  screenshotsEvery: null,
  screenshotsDir: null,
};

describe('parseFlags', () => {
  it('defaults to port 8420, the default data dir, no browser', () => {
    expect(parseFlags([])).toEqual({ ok: true, flags: { port: DEFAULT_PORT, dataDir: null, headless: false, help: false, ...WS_DEFAULTS } });
  });

  it('reads values both as --flag value and --flag=value', () => {
    expect(parseFlags(['--port', '0', '--data-dir', 'd', '--headless'])).toEqual({
      ok: true,
      flags: { port: 0, dataDir: 'd', headless: true, help: false, ...WS_DEFAULTS },
    });
    expect(parseFlags(['--port=65535', '--data-dir=/x y'])).toMatchObject({ ok: true, flags: { port: 65535, dataDir: '/x y' } });
  });

  it('reads the remote control flags', () => {
    expect(parseFlags(['--ws-port', '0', '--ws-bind', '0.0.0.0', '--ws-password', 'hunter22'])).toMatchObject({
      ok: true,
      flags: { wsPort: 0, wsBind: '0.0.0.0', wsPassword: 'hunter22', ws: true },
    });
    expect(parseFlags(['--no-ws'])).toMatchObject({ ok: true, flags: { ws: false } });
    expect(
      parseFlags([
        '--ws-password-file', '/p', '--ws-tls-cert', 'c.pem', '--ws-tls-key=k.pem',
        '--ws-allow-origin', 'https://a.example', '--ws-allow-origin=http://b.example:8000',
      ]),
    ).toMatchObject({
      ok: true,
      flags: { wsPasswordFile: '/p', wsTlsCert: 'c.pem', wsTlsKey: 'k.pem', wsAllowOrigins: ['https://a.example', 'http://b.example:8000'] },
    });
  });

  it('reads --ffmpeg, where an empty value clears the setting', () => {
    expect(parseFlags(['--ffmpeg', '/opt/ff/ffmpeg'])).toMatchObject({ ok: true, flags: { ffmpeg: '/opt/ff/ffmpeg' } });
    expect(parseFlags(['--ffmpeg='])).toMatchObject({ ok: true, flags: { ffmpeg: '' } });
  });

  it('reads the periodic screenshot flags', () => {
    expect(parseFlags(['--screenshots-every', '5', '--screenshots-dir', '/shots'])).toMatchObject({
      ok: true,
      flags: { screenshotsEvery: 5, screenshotsDir: '/shots' },
    });
  });

  it.each([
    [['--ws-port', 'x'], /--ws-port must be a whole number/],
    [['--ws-bind', 'evil host'], /--ws-bind needs an IP address/],
    [['--ws-password', 'short'], /at least 6 characters/],
    [['--no-ws=1'], /takes no value/],
    [['--port', '-1'], /from 0 to 65535, not '-1'/],
    [['--port', '65536'], /from 0 to 65535, not '65536'/],
    [['--port', '80.5'], /not '80.5'/],
    [['--port='], /not ''/],
    [['--data-dir', '--headless'], /--data-dir needs a folder/],
    [['--headless=yes'], /takes no value/],
    [['serve'], /Unknown option 'serve'/],
    [['--ws-tls-cert', 'c.pem'], /needs both --ws-tls-cert and --ws-tls-key/],
    [['--ws-allow-origin', 'https://a.example/path'], /needs a web origin/],
    [['--ws-allow-origin', 'file:///x'], /needs a web origin/],
    [['--ws-password', 'hunter22', '--ws-password-file', '/p'], /not both/],
    [['--ffmpeg'], /--ffmpeg needs/],
    [['--screenshots-every', '0'], /from 1 to 3600/],
    [['--screenshots-every', '3601'], /from 1 to 3600/],
    [['--screenshots-every', '2.5'], /from 1 to 3600/],
    [['--screenshots-dir', ''], /needs a folder/],
  ])('refuses %j', (argv, message) => {
    const parsed = parseFlags(argv);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });
});
