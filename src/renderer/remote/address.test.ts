import { describe, expect, it } from 'vitest';
import { defaultAddress, FALLBACK_ADDRESS, toWsUrl } from './address';

describe('defaultAddress', () => {
  it("is the page's own host when the remote server serves the page", () => {
    expect(defaultAddress({ search: '', host: '192.168.1.20:4455', protocol: 'http:' })).toBe('192.168.1.20:4455');
  });

  it('keeps a default port explicit, so 4455 is not assumed', () => {
    expect(defaultAddress({ search: '', host: 'studio.lan', protocol: 'https:' })).toBe('wss://studio.lan');
    expect(defaultAddress({ search: '', host: 'studio.lan', protocol: 'http:' })).toBe('ws://studio.lan');
  });

  it('takes ?ws= over the page host', () => {
    expect(defaultAddress({ search: '?ws=10.0.0.5:4456', host: 'localhost:5173', protocol: 'http:' })).toBe('10.0.0.5:4456');
  });

  it('falls back to the obs-websocket default for a file:// page', () => {
    expect(defaultAddress({ search: '', host: '', protocol: 'file:' })).toBe(FALLBACK_ADDRESS);
  });
});

describe('toWsUrl', () => {
  it('adds the scheme the page needs and the default port', () => {
    expect(toWsUrl('10.0.0.5:4455', 'http:')).toBe('ws://10.0.0.5:4455');
    expect(toWsUrl('10.0.0.5', 'http:')).toBe('ws://10.0.0.5:4455');
    expect(toWsUrl(' studio.lan:4460 ', 'https:')).toBe('wss://studio.lan:4460');
    expect(toWsUrl('[::1]:4455', 'http:')).toBe('ws://[::1]:4455');
  });

  it('keeps a full ws(s) URL, including an explicit default port', () => {
    expect(toWsUrl('wss://studio.example.com:443', 'http:')).toBe('wss://studio.example.com');
    expect(toWsUrl('ws://studio.lan:4455/', 'http:')).toBe('ws://studio.lan:4455');
  });

  it('refuses what is not a WebSocket address, and credentials in the URL', () => {
    expect(toWsUrl('', 'http:')).toBeNull();
    expect(toWsUrl('http://studio.lan', 'http:')).toBeNull();
    expect(toWsUrl('ws://user:secret@studio.lan', 'http:')).toBeNull();
    expect(toWsUrl('not a host', 'http:')).toBeNull();
  });
});
