import { describe, expect, it } from 'vitest';
import { parseProbe, playbackProblem } from './probe';

const probe = (container: string, video: string | null, audio: string | null) =>
  parseProbe({
    format: { format_name: container, duration: '4.000000' },
    streams: [...(video ? [{ codec_type: 'video', codec_name: video, width: 640, height: 360 }] : []), ...(audio ? [{ codec_type: 'audio', codec_name: audio }] : [])],
  });

describe('playbackProblem', () => {
  it('accepts what Chromium plays', () => {
    expect(playbackProblem(probe('mov,mp4,m4a,3gp,3g2,mj2', 'h264', 'aac'))).toBeNull();
    expect(playbackProblem(probe('matroska,webm', 'vp9', 'opus'))).toBeNull();
    expect(playbackProblem(probe('mp3', null, 'mp3'))).toBeNull();
    expect(probe('mov,mp4,m4a,3gp,3g2,mj2', 'h264', 'aac').durationMs).toBe(4000);
  });

  it('names the codec or container it cannot play', () => {
    expect(playbackProblem(probe('mov,mp4,m4a,3gp,3g2,mj2', 'mpeg4', 'aac'))).toMatch(/video codec mpeg4/);
    expect(playbackProblem(probe('mov,mp4,m4a,3gp,3g2,mj2', 'h264', 'ac3'))).toMatch(/audio codec ac3/);
    expect(playbackProblem(probe('mpegts', 'h264', 'aac'))).toMatch(/container \(mpegts\)/);
    expect(playbackProblem(probe('mp4', null, null))).toMatch(/no audio or video/);
  });

  it('does not count cover art as video', () => {
    const info = parseProbe({ format: { format_name: 'mp3' }, streams: [{ codec_type: 'audio', codec_name: 'mp3' }, { codec_type: 'video', codec_name: 'mjpeg', disposition: { attached_pic: 1 } }] });
    expect(info.video).toBeNull();
    expect(playbackProblem(info)).toBeNull();
  });
});
