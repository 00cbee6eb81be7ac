import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EncoderProbeCache } from './probe-cache';
import { parseEncoderList, probeEncoders, testEncodeArgs, type EncoderProbe } from './probe';

// Stand-ins for FFmpeg, for the cases a real FFmpeg will not produce on demand (hangs, missing
// binaries, an encoder that exits 0 without output). The real FFmpeg runs in
// test/integration/encoder-probe.test.ts.
let dir: string;
const script = async (name: string, body: string): Promise<string> => {
  const file = path.join(dir, name);
  await writeFile(file, `#!/bin/sh\n${body}\n`);
  await chmod(file, 0o755);
  return file;
};
const LIST = `Encoders:
 V..... = Video
 A..... = Audio
 ------
 V....D libx264              libx264 H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10 (codec h264)
 V....D h264_nvenc           NVIDIA NVENC H.264 encoder (codec h264)
 A....D aac                  AAC (Advanced Audio Coding)`;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'encprobe-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('parseEncoderList', () => {
  it('reads names and skips the legend', () => {
    expect([...parseEncoderList(LIST)].sort()).toEqual(['aac', 'h264_nvenc', 'libx264']);
  });
});

describe('testEncodeArgs', () => {
  it('encodes testsrc2 with the encoder own arguments and counts packets on stdout', () => {
    const args = testEncodeArgs('h264_vaapi', { rateControl: 'CBR', bitrateKbps: 1000, keyframeIntervalSec: 1, preset: 'veryfast', profile: 'main', bFrames: 0 });
    expect(args.slice(0, 12)).toEqual([
      '-hide_banner', '-nostdin', '-nostats', '-loglevel', 'error',
      '-f', 'lavfi', '-i', 'testsrc2=size=256x144:rate=30', '-frames:v', '10', '-vaapi_device',
    ]);
    expect(args).toContain('format=nv12,hwupload');
    expect(args.slice(-3)).toEqual(['-f', 'framecrc', 'pipe:1']);
    // A name outside the catalog still gets a plain encode.
    expect(testEncodeArgs('libx265', { rateControl: 'VBR', bitrateKbps: 800, keyframeIntervalSec: 2, preset: 'fast', profile: 'high', bFrames: 0 })).toContain('libx265');
  });
});

describe('probeEncoders edge cases', () => {
  it('reports every candidate as unusable when FFmpeg cannot be run', async () => {
    const probes = await probeEncoders(path.join(dir, 'missing-ffmpeg'), { candidates: ['libx264', 'h264_nvenc'] });
    expect(probes).toHaveLength(2);
    for (const p of probes) {
      expect(p).toMatchObject({ listed: false, works: false });
      expect(p.reason).toMatch(/could not be run \(ENOENT\)$/);
    }
  });

  it('does not trust an exit code without packets, and reports a hang as a timeout', async () => {
    // Lists two encoders; "encodes" libx264 by exiting 0 silently, and hangs on h264_nvenc.
    const fake = await script(
      'fake-ffmpeg',
      `case "$*" in
  *-encoders*) cat <<'EOF'
${LIST}
EOF
  ;;
  *h264_nvenc*) exec sleep 30 ;;
  *) exit 0 ;;
esac`,
    );
    const probes = await probeEncoders(fake, { candidates: ['libx264', 'h264_nvenc', 'h264_qsv'], timeoutMs: 1500 });
    expect(probes.map((p) => [p.name, p.listed, p.works])).toEqual([
      ['libx264', true, false],
      ['h264_nvenc', true, false],
      ['h264_qsv', false, false],
    ]);
    expect(probes[0]!.reason).toBe('libx264 opened but produced no video in its test encode');
    expect(probes[1]!.reason).toBe('The test encode did not finish within 1.5 s (the device may be hung or busy)');
    expect(probes[2]!.reason).toBe('Not in this FFmpeg build: this FFmpeg was built without Intel Quick Sync (libmfx/oneVPL) support');
  });

  it('stops at once when its owner aborts, killing the running FFmpeg', async () => {
    const pidFile = path.join(dir, 'slow.pid');
    const fake = await script(
      'slow-ffmpeg',
      `case "$*" in
  *-encoders*) cat <<'EOF'
${LIST}
EOF
  ;;
  *) echo $$ > ${pidFile}; exec sleep 30 ;;
esac`,
    );
    const ctl = new AbortController();
    const run = probeEncoders(fake, { candidates: ['libx264'], signal: ctl.signal, timeoutMs: 60_000 });
    let pid = 0;
    while (!pid) {
      await new Promise((r) => setTimeout(r, 20));
      pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).trim());
    }
    ctl.abort();
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    // The promise settles on 'close', after the process is gone: signal 0 finds nothing to signal.
    expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
  });
});

describe('EncoderProbeCache', () => {
  const result: EncoderProbe[] = [{ name: 'libx264', listed: true, works: true, reason: 'ok', ms: 1 }];

  it('runs once per path and version, shares a probe in flight, and forgets on invalidate', async () => {
    const cache = new EncoderProbeCache();
    let runs = 0;
    const run = async (): Promise<EncoderProbe[]> => {
      runs++;
      return result;
    };
    const a = { path: '/usr/bin/ffmpeg', version: '5.1.9' };
    const [x, y] = await Promise.all([cache.get(a, run), cache.get(a, run)]);
    expect(x).toBe(result);
    expect(y).toBe(result);
    expect(runs).toBe(1);
    await cache.get({ ...a, version: '6.0' }, run);
    await cache.get({ path: '/opt/ffmpeg', version: '5.1.9' }, run);
    expect(runs).toBe(3);
    cache.invalidate('/usr/bin/ffmpeg');
    expect(cache.has(a)).toBe(false);
    expect(cache.has({ path: '/opt/ffmpeg', version: '5.1.9' })).toBe(true);
    await cache.get(a, run);
    expect(runs).toBe(4);
    cache.invalidate();
    expect(cache.has({ path: '/opt/ffmpeg', version: '5.1.9' })).toBe(false);
  });

  it('does not keep a probe that failed (e.g. was aborted)', async () => {
    const cache = new EncoderProbeCache();
    const key = { path: '/usr/bin/ffmpeg', version: '5.1.9' };
    await expect(cache.get(key, () => Promise.reject(new Error('aborted')))).rejects.toThrow('aborted');
    expect(cache.has(key)).toBe(false);
    expect(await cache.get(key, async () => result)).toBe(result);
  });
});
