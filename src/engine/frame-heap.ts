/**
 * The heap setting a process hosting the engine needs while it takes frames.
 *
 * Every composite reaches the engine as new memory: 1.4 MB at 720p, 3.1 MB at 1080p, and the
 * transport makes two or three buffers of each (socket reads, WebSocket frames, the whole message):
 * 100 MB a second and more, nearly all of it dead within a frame or two. V8's young-generation
 * collections free such buffers cheaply. But V8 set the engine's old-generation limit only about
 * 30 % above its live heap (40 MB live, 52 MB limit), so the buffers' external-memory pressure kept
 * reaching that limit and starting full mark-compact collections of the whole heap: 53 in 15 s
 * at 720p, 2.4 s of the engine's main thread (docs/PERFORMANCE.md, "The engine's heap"). With the
 * limit at twice the live heap the same run needed none; the young collections did the work.
 * The price is at most one more live heap's worth of memory (tens of megabytes).
 */
import { setFlagsFromString } from 'node:v8';

/** V8's flag for the old generation's growing factor: 1 + percent / 100 after each full collection. */
export const HEAP_GROWING_FLAG = '--heap-growing-percent';
export const HEAP_GROWING_PERCENT = 100;

/**
 * Sets the old generation's growing factor. Call it once, first thing, in the process that hosts
 * the engine (server mode, the desktop app's main process): V8 reads the flag whenever it sizes
 * the heap after a collection, so it holds from then on.
 */
export function growHeapForFrames(): void {
  setFlagsFromString(`${HEAP_GROWING_FLAG}=${HEAP_GROWING_PERCENT}`);
}
