#!/usr/bin/env node
/**
 * Draws the app icon, build/icon.png (1024×1024 RGBA): a red "on air" dot on a dark rounded square.
 * Plain Node (zlib) so it needs no image tools; electron-builder derives the .icns and .ico from it.
 * The PNG is committed; run `node scripts/make-icon.mjs` only to change it.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

const SIZE = 1024;

function crc32(bytes) {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** Coverage of a pixel by a shape given its signed distance (negative inside), for soft edges. */
const cover = (distance) => Math.max(0, Math.min(1, 0.5 - distance));

function pixel(x, y) {
  const c = SIZE / 2;
  const px = x + 0.5 - c;
  const py = y + 0.5 - c;
  // Rounded square, a little inside the canvas as platform icons expect.
  const half = SIZE * 0.44;
  const radius = SIZE * 0.2;
  const qx = Math.abs(px) - (half - radius);
  const qy = Math.abs(py) - (half - radius);
  const square = Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
  const bg = cover(square);
  // The dot and a ring around it.
  const r = Math.hypot(px, py);
  const dot = cover(r - SIZE * 0.2);
  const ring = cover(Math.abs(r - SIZE * 0.3) - SIZE * 0.025);
  const base = [17, 19, 24];
  const red = [229, 57, 53];
  const mix = (a, b, t) => a.map((v, i) => Math.round(v + (b[i] - v) * t));
  const rgb = mix(mix(base, [236, 239, 244], ring), red, dot);
  return [...rgb, Math.round(255 * bg)];
}

const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) {
  const row = y * (SIZE * 4 + 1);
  raw[row] = 0; // filter: none
  for (let x = 0; x < SIZE; x++) Buffer.from(pixel(x, y)).copy(raw, row + 1 + x * 4);
}
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const file = path.join(import.meta.dirname, '..', 'build', 'icon.png');
writeFileSync(file, png);
console.log(`wrote ${file} (${SIZE}×${SIZE}, ${png.length} bytes)`);
