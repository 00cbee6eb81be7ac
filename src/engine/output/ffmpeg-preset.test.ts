import { describe, expect, it } from 'vitest';
import { MAX_PRESET_LINE, presetText } from './ffmpeg-preset';

describe('presetText', () => {
  it('writes one name=value line per option, values as they are', () => {
    expect(presetText([['rtmp_app', 'live'], ['rtmp_playpath', 'k=1&x#y ']])).toEqual({ ok: true, value: 'rtmp_app=live\nrtmp_playpath=k=1&x#y \n' });
  });

  it('leaves out empty values, which FFmpeg would refuse', () => {
    expect(presetText([['rtmp_app', ''], ['streamid', 's']])).toEqual({ ok: true, value: 'streamid=s\n' });
  });

  it('refuses line breaks, lines longer than FFmpeg reads whole, and odd option names, without echoing the value', () => {
    const broken = presetText([['rtmp_playpath', 'secret\nrtmp_app=x']]);
    expect(!broken.ok && broken.error.message).toMatch(/line break/);
    const long = presetText([['rtmp_playpath', 'k'.repeat(MAX_PRESET_LINE)]]);
    expect(!long.ok && long.error.message).toMatch(/too long .*at most 984 bytes/);
    expect(presetText([['rtmp_playpath', 'k'.repeat(MAX_PRESET_LINE - 'rtmp_playpath='.length)]]).ok).toBe(true);
    expect(presetText([['-x', 'v']]).ok).toBe(false);
    for (const r of [broken, long]) expect(JSON.stringify(r)).not.toContain('secret');
  });
});
