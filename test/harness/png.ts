/** Decodes PNG screenshots (base64 data: URLs, as GetSourceScreenshot answers) to RGBA with FFmpeg. */
import { spawn } from 'node:child_process';

export type Rgba = [number, number, number, number];

export interface Picture {
  width: number;
  height: number;
  rgba: Buffer;
  at(x: number, y: number): Rgba;
}

function ffmpeg(args: string[], input: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('ffmpeg', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve(Buffer.concat(out)) : reject(new Error(`ffmpeg exited ${code}: ${err}`))));
    child.stdin.end(input);
  });
}

export async function decodePngDataUrl(dataUrl: string): Promise<Picture> {
  const prefix = 'data:image/png;base64,';
  if (!dataUrl.startsWith(prefix)) throw new Error(`not a PNG data URL: ${dataUrl.slice(0, 40)}`);
  const png = Buffer.from(dataUrl.slice(prefix.length), 'base64');
  if (png.subarray(12, 16).toString('latin1') !== 'IHDR') throw new Error('PNG without an IHDR chunk');
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const rgba = await ffmpeg(['-v', 'error', '-f', 'png_pipe', '-i', 'pipe:0', '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgba', 'pipe:1'], png);
  if (rgba.length !== width * height * 4) throw new Error(`decoded ${rgba.length} bytes for ${width}×${height}`);
  return {
    width,
    height,
    rgba,
    at: (x, y) => {
      const i = (y * width + x) * 4;
      return [rgba[i]!, rgba[i + 1]!, rgba[i + 2]!, rgba[i + 3]!];
    },
  };
}

export const near = (got: Rgba, want: Rgba, tol = 8): boolean => want.every((v, i) => Math.abs(got[i]! - v) <= tol);

/** Pixels (of a rectangle) that differ between two pictures of one size by more than tol in any channel. */
export function differing(a: Picture, b: Picture, rect: { x: number; y: number; w: number; h: number }, tol = 24): number {
  let n = 0;
  for (let y = rect.y; y < rect.y + rect.h; y++) {
    for (let x = rect.x; x < rect.x + rect.w; x++) {
      const p = a.at(x, y);
      const q = b.at(x, y);
      if (p.some((v, i) => Math.abs(v - q[i]!) > tol)) n++;
    }
  }
  return n;
}
