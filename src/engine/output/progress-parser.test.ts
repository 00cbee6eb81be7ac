import { describe, expect, it } from 'vitest';
import { ProgressParser, type ProgressSnapshot } from './progress-parser';

// A block as FFmpeg 5.1 writes it with -progress.
const BLOCK = `frame=30
fps=29.97
stream_0_0_q=23.0
bitrate=2268.8kbits/s
total_size=284163
out_time_us=1002000
out_time_ms=1002000
out_time=00:00:01.002000
dup_frames=0
drop_frames=1
speed=1.01x
progress=continue
`;

function collect(): { parser: ProgressParser; got: ProgressSnapshot[] } {
  const got: ProgressSnapshot[] = [];
  return { parser: new ProgressParser((s) => got.push(s)), got };
}

describe('ProgressParser', () => {
  it('emits one snapshot per block with numbers parsed', () => {
    const { parser, got } = collect();
    parser.push(BLOCK);
    expect(got).toEqual([
      {
        frame: 30,
        fps: 29.97,
        bitrateKbps: 2268.8,
        totalSize: 284163,
        outTimeUs: 1002000,
        dupFrames: 0,
        dropFrames: 1,
        speed: 1.01,
        progress: 'continue',
      },
    ]);
  });

  it('handles chunks split anywhere, including inside a multi-byte character', () => {
    const { parser, got } = collect();
    const bytes = Buffer.from(`${BLOCK}comment=héllo\n${BLOCK.replace('continue', 'end')}`);
    for (let i = 0; i < bytes.length; i += 3) parser.push(bytes.subarray(i, i + 3));
    expect(got.map((s) => s.progress)).toEqual(['continue', 'end']);
    expect(got[1]?.frame).toBe(30);
  });

  it('reads N/A as null and accepts CRLF line ends', () => {
    const { parser, got } = collect();
    parser.push('frame=0\r\nfps=0.00\r\nbitrate=N/A\r\ntotal_size=N/A\r\nout_time_us=N/A\r\nout_time=N/A\r\nspeed=N/A\r\nprogress=continue\r\n');
    expect(got[0]).toMatchObject({ frame: 0, fps: 0, bitrateKbps: null, totalSize: null, outTimeUs: null, speed: null });
  });

  it('falls back to out_time when the microsecond fields are missing, and starts each block fresh', () => {
    const { parser, got } = collect();
    parser.push('frame=5\nout_time=00:01:02.500000\nprogress=continue\nspeed=2x\nprogress=continue\n');
    expect(got[0]?.outTimeUs).toBe(62_500_000);
    expect(got[1]).toMatchObject({ frame: null, outTimeUs: null, speed: 2 });
  });

  it('parses an unterminated last line at end and ignores junk lines', () => {
    const { parser, got } = collect();
    parser.push('garbage without equals\n=novalue\nframe=7\nprogress=end');
    expect(got).toHaveLength(0);
    parser.end();
    expect(got).toEqual([expect.objectContaining({ frame: 7, progress: 'end' })]);
  });

  it('drops an absurdly long partial line instead of buffering it forever', () => {
    const { parser, got } = collect();
    parser.push('x'.repeat(10_000));
    parser.push('\nframe=1\nprogress=continue\n');
    expect(got).toEqual([expect.objectContaining({ frame: 1 })]);
  });
});
