import { describe, expect, it } from 'vitest';
import { createOriginCheck } from './origin';

describe('origin allow-list', () => {
  it('allows no Origin and listed origins (normalized), refuses everything else', () => {
    const allowed = createOriginCheck(['http://127.0.0.1:8080', 'HTTPS://Studio.Local:443']);
    expect(allowed(undefined)).toBe(true);
    expect(allowed('http://127.0.0.1:8080')).toBe(true);
    expect(allowed('https://studio.local')).toBe(true);
    expect(allowed('http://127.0.0.1:8081')).toBe(false);
    expect(allowed('https://evil.example')).toBe(false);
    expect(allowed('null')).toBe(false);
    expect(allowed('')).toBe(false);
    expect(allowed(['http://127.0.0.1:8080', 'http://127.0.0.1:8080'])).toBe(false);
    expect(createOriginCheck()('http://localhost')).toBe(false);
  });
});
