import { describe, expect, it } from 'vitest';
import { encoderOptions } from './encoders';
import { encoderBlocked, limitEncoders } from './codecSupport';

const twitch = { name: 'Twitch', server: 'rtmp://live.twitch.tv/app', enabled: true };
const srt = { name: 'Relay', server: 'srt://relay.example.com:9000', enabled: true };
const off = { name: 'Backup', server: 'rtmps://backup.example.com/app', enabled: false };

describe('encoderBlocked', () => {
  it('lets H.264 go anywhere', () => {
    expect(encoderBlocked('libx264', [twitch])).toBeNull();
    expect(encoderBlocked('h264_nvenc', [srt, twitch])).toBeNull();
  });

  it('names the RTMP destination that cannot carry HEVC', () => {
    expect(encoderBlocked('hevc_nvenc', [srt, twitch])).toBe('HEVC: not carried by RTMP destination “Twitch”');
  });

  it('allows HEVC when every enabled destination is SRT; a disabled RTMP one does not count', () => {
    expect(encoderBlocked('hevc_nvenc', [srt, off])).toBeNull();
  });

  it('refuses HEVC with no enabled destination, as the engine does', () => {
    expect(encoderBlocked('hevc_nvenc', [off])).toBe('HEVC: needs an enabled SRT destination to carry it');
    expect(encoderBlocked('hevc_nvenc', [])).toMatch(/needs an enabled SRT destination/);
  });

  it('never blocks automatic selection', () => {
    expect(encoderBlocked('auto', [twitch])).toBeNull();
  });
});

describe('limitEncoders', () => {
  it('marks only the HEVC choice, with the reason in its label', () => {
    const out = limitEncoders(encoderOptions(null, 'auto'), [twitch]);
    const blocked = out.filter((o) => o.blocked);
    expect(blocked.map((o) => o.value)).toEqual(['hevc_nvenc']);
    expect(blocked[0]!.label).toBe('hevc_nvenc — HEVC: not carried by RTMP destination “Twitch”');
    expect(out.find((o) => o.value === 'libx264')).toMatchObject({ blocked: null, label: 'libx264' });
  });

  it('offers HEVC to SRT destinations', () => {
    expect(limitEncoders(encoderOptions(null, 'auto'), [srt]).every((o) => o.blocked === null)).toBe(true);
  });
});
