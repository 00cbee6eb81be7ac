import { describe, expect, it } from 'vitest';
import { createOriginCheck } from './origin';

describe('origin allow-list', () => {
  it('allows no Origin and listed origins (normalized), refuses everything else', () => {
    const check = createOriginCheck(['http://127.0.0.1:8080', 'HTTPS://Studio.Local:443']);
    const allowed = (origin: string | string[] | undefined) => check(origin, '127.0.0.1:4455', false);
    expect(allowed(undefined)).toBe(true);
    expect(allowed('http://127.0.0.1:8080')).toBe(true);
    expect(allowed('https://studio.local')).toBe(true);
    expect(allowed('http://127.0.0.1:8081')).toBe(false);
    expect(allowed('https://evil.example')).toBe(false);
    expect(allowed('null')).toBe(false);
    expect(allowed('')).toBe(false);
    expect(allowed(['http://127.0.0.1:8080', 'http://127.0.0.1:8080'])).toBe(false);
    expect(createOriginCheck()('http://localhost', '127.0.0.1:4455', false)).toBe(false);
  });

  it("admits the server's own origin (its web remote) only for IP or localhost hosts", () => {
    const check = createOriginCheck();
    expect(check('http://192.168.1.20:4455', '192.168.1.20:4455', false)).toBe(true);
    expect(check('http://[::1]:4455', '[::1]:4455', false)).toBe(true);
    expect(check('http://localhost:4455', 'localhost:4455', false)).toBe(true);
    expect(check('https://10.0.0.5:4455', '10.0.0.5:4455', true)).toBe(true);
    // Scheme must match the server's; the host must match the request's.
    expect(check('http://10.0.0.5:4455', '10.0.0.5:4455', true)).toBe(false);
    expect(check('http://10.0.0.5:4455', '10.0.0.6:4455', false)).toBe(false);
    // A DNS name could be rebound to this address by whoever controls it.
    expect(check('http://evil.example:4455', 'evil.example:4455', false)).toBe(false);
    expect(check('http://10.0.0.5:4455', undefined, false)).toBe(false);
  });
});
