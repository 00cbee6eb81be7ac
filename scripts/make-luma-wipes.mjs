#!/usr/bin/env node
/**
 * Draws the luma wipe images, resources/luma_wipes/*.png (480×270, 8-bit grey), for
 * luma_wipe_transition: dark pixels change to the new scene first, light ones last. Each picture is
 * a formula here (nothing copied from OBS's set; the names match OBS's so imported collections find
 * a picture of the same kind). Plain Node (zlib), no image tools. The PNGs are committed; run
 * `node scripts/make-luma-wipes.mjs` only to change them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

const W = 480;
const H = 270;

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

/** A greyscale PNG of f(u, v) → 0..1 over u, v in 0..1 (pixel centres). */
function png(f) {
  const raw = Buffer.alloc((W + 1) * H);
  for (let y = 0; y < H; y++) {
    raw[y * (W + 1)] = 0; // filter: none
    for (let x = 0; x < W; x++) {
      const g = Math.min(1, Math.max(0, f((x + 0.5) / W, (y + 0.5) / H)));
      raw[y * (W + 1) + 1 + x] = Math.round(g * 255);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(W, 0);
  ihdr.writeUInt32BE(H, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const aspect = W / H;
export const WIPES = {
  /** Left to right. */
  'linear-h.png': (u) => u,
  /** Top to bottom. */
  'linear-v.png': (_u, v) => v,
  /** From the top-left corner to the bottom-right one. */
  'linear-topleft.png': (u, v) => (u + v) / 2,
  /** From the top-right corner to the bottom-left one. */
  'linear-topright.png': (u, v) => (1 - u + v) / 2,
  /** Opens from the vertical centre line outwards, like two doors. */
  'barndoor-h.png': (u) => Math.abs(u - 0.5) * 2,
  /** Opens from the horizontal centre line outwards. */
  'barndoor-v.png': (_u, v) => Math.abs(v - 0.5) * 2,
  /** A circle growing from the centre (round on a 16:9 canvas). */
  'circle.png': (u, v) => Math.hypot((u - 0.5) * aspect, v - 0.5) / Math.hypot(aspect / 2, 0.5),
  /** A clock hand sweeping from 12 o'clock, clockwise. */
  'clock.png': (u, v) => (Math.atan2((u - 0.5) * aspect, -(v - 0.5)) + 2 * Math.PI) % (2 * Math.PI) / (2 * Math.PI),
};

const dir = path.resolve(import.meta.dirname, '../resources/luma_wipes');
mkdirSync(dir, { recursive: true });
for (const [name, f] of Object.entries(WIPES)) writeFileSync(path.join(dir, name), png(f));
console.log(`wrote ${Object.keys(WIPES).length} luma wipes to ${dir}`);
