import { describe, expect, it } from 'vitest';
import { loopbackAudio } from './loopback';

describe('loopbackAudio', () => {
  it('gives the system loopback on Windows when audio is asked for', () => {
    expect(loopbackAudio('win32', true)).toEqual({ audio: 'loopback' });
  });
  it('gives nothing where Electron has no loopback, or when no audio is asked for', () => {
    expect(loopbackAudio('linux', true)).toEqual({});
    expect(loopbackAudio('darwin', true)).toEqual({});
    expect(loopbackAudio('win32', false)).toEqual({});
  });
});
