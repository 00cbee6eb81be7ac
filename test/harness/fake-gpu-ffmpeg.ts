/**
 * A stand-in for what this machine cannot have: an FFmpeg whose h264_nvenc works. It is a small
 * script placed where the studio looks for FFmpeg: every command passes through to the real FFmpeg,
 * except that an h264_nvenc encode runs on libx264 (NVENC's options mapped to x264's), so the
 * encoder probe finds a working "GPU". The stream's encoder (the one reading frames from pipe:0)
 * can be told to die after a while with the message a real NVENC prints when the GPU fails, which
 * is what the studio's mid-stream fallback must handle.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface FakeGpuFfmpeg {
  path: string;
  remove(): void;
}

export function fakeGpuFfmpeg(opts: { realFfmpeg: string; failAfterMs?: number }): FakeGpuFfmpeg {
  const dir = mkdtempSync(path.join(tmpdir(), 'fake-gpu-'));
  const file = path.join(dir, 'ffmpeg');
  writeFileSync(file, script(opts.realFfmpeg, opts.failAfterMs ?? 0));
  chmodSync(file, 0o755);
  return { path: file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

function script(real: string, failAfterMs: number): string {
  return `#!${process.execPath}
const { spawn } = require('node:child_process');
const REAL = ${JSON.stringify(real)};
const args = process.argv.slice(2);
const at = args.indexOf('h264_nvenc');
const gpu = at > 0 && args[at - 1] === '-c:v';
if (gpu) {
  args[at] = 'libx264';
  const swap = { '-tune': 'zerolatency', '-pix_fmt': 'yuv420p' };
  // Only output options are NVENC's: everything up to the last input's URL describes the inputs (the
  // raw frames are NV12 and must stay so, or their chroma is misread).
  const firstOutputArg = args.lastIndexOf('-i') + 2;
  for (let i = firstOutputArg; i < args.length - 1; i++) {
    if (args[i] === '-preset' && /^p\\d$/.test(args[i + 1])) args[i + 1] = 'ultrafast';
    else if (args[i] === '-rc') { args.splice(i, 2); i--; }
    else if (swap[args[i]] && (args[i + 1] === 'll' || args[i + 1] === 'nv12')) args[i + 1] = swap[args[i]];
  }
}
// Numbers, not 'inherit': past fd 2, 'inherit' means 'ignore'; the audio (3) and progress (4) pipes must reach FFmpeg.
// Only the fds this process was given (a probe passes three, a stream encoder five).
const { fstatSync } = require('node:fs');
const open = (fd) => { try { fstatSync(fd); return true; } catch { return false; } };
const child = spawn(REAL, args, { stdio: [0, 1, 2, 3, 4].map((fd) => (open(fd) ? fd : 'ignore')) });
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
const streaming = args.includes('pipe:0') && args.includes('rawvideo');
if (gpu && streaming && ${failAfterMs} > 0) {
  setTimeout(() => {
    process.stderr.write('[h264_nvenc @ 0x5581a3c4e2c0] EncodePicture failed!: generic error (20)\\n');
    process.stderr.write('Video encoding failed\\n');
    child.removeAllListeners('exit');
    child.kill('SIGKILL');
    child.on('exit', () => process.exit(1));
  }, ${failAfterMs});
}
`;
}
