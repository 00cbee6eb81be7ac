/**
 * RNNoise's WebAssembly (@jitsi/rnnoise-wasm, pinned: the names below are that build's minified
 * export names, which its own glue, dist/rnnoise.js, maps the same way). Our own few lines of glue
 * instead of that file: it looks for window or importScripts and fetches the .wasm by URL, none of
 * which an AudioWorkletGlobalScope has. Here the compiled module is handed in.
 *
 * Self-contained: rnnoise-worklet.ts puts its source into the worklet; the unit test runs it in Node.
 */
export interface RnnoiseState {
  /** Denoises one 480-sample frame in place (samples in ±1; RNNoise itself wants the 16-bit range). Returns the voice probability. */
  process(frame: Float32Array): number;
  destroy(): void;
}

/** The few WebAssembly members used, named here so Node's tests (no DOM types) can load this file. */
interface Wasm {
  Instance: new (module: unknown, imports: object) => { exports: Record<string, unknown> };
}
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/** `module`: RNNoise's compiled WebAssembly.Module. */
export function rnnoiseState(module: unknown): RnnoiseState {
  const FRAME = 480;
  const SCALE = 32768;
  const wasm = (globalThis as unknown as { WebAssembly: Wasm }).WebAssembly;
  let memory: WasmMemory | null = null;
  const imports = {
    a: {
      // emscripten_resize_heap: grow to at least the size asked for.
      a: (size: number): number => {
        if (!memory) return 0;
        const want = size >>> 0;
        const have = memory.buffer.byteLength;
        if (want <= have) return 1;
        try {
          memory.grow(Math.ceil((want - have) / 65536));
          return 1;
        } catch {
          return 0;
        }
      },
      // emscripten_memcpy_big
      b: (dest: number, src: number, num: number): void => {
        if (memory) new Uint8Array(memory.buffer).copyWithin(dest, src, src + num);
      },
    },
  };
  const exp = new wasm.Instance(module, imports).exports;
  memory = exp['c'] as WasmMemory;
  const fn = (name: string): ((...args: number[]) => number) => exp[name] as (...args: number[]) => number;
  fn('d')(); // static constructors
  const create = fn('f');
  const malloc = fn('g');
  const destroy = fn('h');
  const free = fn('i');
  const processFrame = fn('j');
  const state = create(0);
  const buf = malloc(FRAME * 4);
  if (!state || !buf) throw new Error('RNNoise: out of memory');
  let alive = true;
  return {
    process(frame) {
      if (!alive || !memory) return 0;
      // The heap may have grown (a new buffer): take the view each time.
      const heap = new Float32Array(memory.buffer, buf, FRAME);
      for (let i = 0; i < FRAME; i++) heap[i] = (frame[i] as number) * SCALE;
      const vad = processFrame(state, buf, buf);
      const out = new Float32Array(memory.buffer, buf, FRAME);
      for (let i = 0; i < FRAME; i++) frame[i] = (out[i] as number) / SCALE;
      return vad;
    },
    destroy() {
      if (!alive) return;
      alive = false;
      destroy(state);
      free(buf);
    },
  };
}
