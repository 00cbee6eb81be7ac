import { describe, expect, it } from 'vitest';
import { codecProblem, encoderCodec, protocolCarries } from './codecs';

describe('what a destination can carry', () => {
  it('knows each encoder’s codec by its FFmpeg name', () => {
    expect(['h264_nvenc', 'h264_qsv', 'h264_videotoolbox', 'h264_amf', 'h264_vaapi', 'libx264'].map(encoderCodec)).toEqual(Array(6).fill('h264'));
    expect(encoderCodec('hevc_nvenc')).toBe('hevc');
  });

  it('RTMP and RTMPS (classic FLV) carry H.264 only; SRT (MPEG-TS) carries HEVC too', () => {
    expect(protocolCarries('rtmp://a/live', 'h264')).toBe(true);
    expect(protocolCarries('rtmps://a/live', 'hevc')).toBe(false);
    expect(protocolCarries(' SRT://a:9000', 'hevc')).toBe(true);
  });

  it('names the first enabled destination that cannot carry the codec', () => {
    const list = [
      { name: 'Relay', server: 'srt://r:9000', enabled: true },
      { name: 'Off', server: 'rtmp://o/live', enabled: false },
      { name: 'YouTube', server: 'rtmps://y/live2', enabled: true },
    ];
    expect(codecProblem('hevc', list)).toBe('HEVC: not carried by RTMP destination “YouTube”');
    expect(codecProblem('hevc', list.slice(0, 2))).toBeNull();
    expect(codecProblem('hevc', [])).toBe('HEVC: needs an enabled SRT destination to carry it');
    expect(codecProblem('h264', list)).toBeNull();
  });
});
