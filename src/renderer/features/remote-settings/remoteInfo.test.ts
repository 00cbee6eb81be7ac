import { describe, expect, it } from 'vitest';
import { boundHost, listensEverywhere, webRemoteUrl } from './remoteInfo';

describe('remote info helpers', () => {
  it('the web remote is on the same host and port, http for ws and https for wss', () => {
    expect(webRemoteUrl('ws://127.0.0.1:4455')).toBe('http://127.0.0.1:4455/remote/');
    expect(webRemoteUrl('wss://192.168.1.20:4455')).toBe('https://192.168.1.20:4455/remote/');
    expect(webRemoteUrl('ws://[::1]:4455')).toBe('http://[::1]:4455/remote/');
    expect(webRemoteUrl('not a url')).toBeNull();
    expect(webRemoteUrl('http://127.0.0.1:4455')).toBeNull();
  });

  it('knows a wildcard bind, whose URL no other device can use', () => {
    expect(listensEverywhere('ws://0.0.0.0:4455')).toBe(true);
    expect(listensEverywhere('ws://[::]:4455')).toBe(true);
    expect(listensEverywhere('ws://192.168.1.20:4455')).toBe(false);
    expect(listensEverywhere('ws://127.0.0.1:4455')).toBe(false);
  });

  it('names the bound address', () => {
    expect(boundHost('ws://192.168.1.20:4455')).toBe('192.168.1.20');
    expect(boundHost('wss://[::]:4455')).toBe('[::]');
  });
});
