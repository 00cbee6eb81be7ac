import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../clock';
import { probePresets } from './preset-probe';

const FFMPEG = process.env['FFMPEG_PATH'] || '/usr/bin/ffmpeg';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'preset-probe-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function script(name: string, body: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, `#!/bin/sh\n${body}\n`);
  await chmod(file, 0o755);
  return file;
}

describe('probePresets', () => {
  it('finds that the real FFmpeg reads the RTMP options from a preset on an inherited descriptor and connects', async () => {
    expect(await probePresets(FFMPEG, systemClock)).toEqual({ supported: true, why: '' });
  });

  it('says no, with FFmpeg’s reason, when the binary refuses the preset', async () => {
    const old = await script('ffmpeg-old', `echo "Unrecognized option 'fpre'." >&2\necho "Error splitting the argument list: Option not found" >&2\nexit 1`);
    expect(await probePresets(old, systemClock)).toEqual({ supported: false, why: 'Error splitting the argument list: Option not found' });
  });

  it('says no for a wrapper that does not hand FFmpeg the descriptor a pusher would use', async () => {
    const wrapper = await script('ffmpeg-wrapper', `exec 5<&-\nexec '${FFMPEG}' "$@"`);
    expect(await probePresets(wrapper, systemClock)).toEqual({ supported: false, why: "File for preset '/dev/fd/5' not found" });
  });

  it('says no when the preset was not read, even if the binary exits cleanly', async () => {
    const quiet = await script('ffmpeg-quiet', 'exit 0');
    expect(await probePresets(quiet, systemClock)).toMatchObject({ supported: false, why: 'exit code 0' });
  });

  it('says no when the binary cannot be started', async () => {
    const r = await probePresets(path.join(dir, 'missing'), systemClock);
    expect(r).toMatchObject({ supported: false, why: expect.stringMatching(/could not be started \(ENOENT\)/) });
  });
});
