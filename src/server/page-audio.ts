/**
 * Server mode's browser sources' sound. A script injected at document start (main world: it has to
 * wrap the page's own AudioContexts) routes everything the page plays through one capture
 * AudioContext at 48 kHz: each of the page's contexts gets a tap in place of its `destination`
 * (a GainNode feeding the real destination and a MediaStream into the capture context), and each
 * media element is taken in with createMediaElementSource when it plays. A ScriptProcessorNode
 * (works under a page's CSP, unlike an AudioWorklet module) pulls the mix, and each chunk that is not
 * digital silence goes to the host as base64 s16le stereo through a CDP binding.
 *
 * The binding is the only new way out of the page, and the page can call it too: the host takes
 * only well-formed chunks within a size and a rate (`AudioChunkGate`), and they only ever become that
 * page's own source's sound. Only the top frame captures (an iframe's sound is not carried).
 */

/** The binding's name on the page (Runtime.addBinding). */
export const AUDIO_BINDING = '__studioPageAudio';
export const PAGE_AUDIO_RATE = 48_000;
export const PAGE_AUDIO_CHANNELS = 2;
/** Frames per chunk the script sends (about 43 ms). */
export const PAGE_AUDIO_CHUNK = 2048;
/** The largest chunk the host takes, in frames (8 of the script's chunks). */
export const MAX_CHUNK_FRAMES = 16_384;
const BYTES_PER_FRAME = 2 * PAGE_AUDIO_CHANNELS;
const MAX_BASE64 = Math.ceil((MAX_CHUNK_FRAMES * BYTES_PER_FRAME) / 3) * 4;

/** Capture events whose clock offsets are kept (about 2 s of chunks). */
const OFFSET_EVENTS = 48;
/** A stamp further than this from the host's clock is not believed (the page may send anything). */
const STAMP_SLACK_MS = 10_000;

/**
 * A chunk as the script sends it: `<stamp>;<base64>`, the stamp being when its first sample was
 * rendered in the page, ms on the wall clock (where the screencast stamps the page's pictures, so
 * the studio can pair the two), or the base64 alone. The stamp only steers this page's own sound.
 */
export function splitChunk(payload: unknown, nowMs: number): { capturedAt: number | null; body: unknown } {
  if (typeof payload !== 'string') return { capturedAt: null, body: payload };
  const m = /^(\d{1,16}(?:\.\d{1,3})?);/.exec(payload);
  if (!m) return { capturedAt: null, body: payload };
  const at = Number(m[1]);
  return { capturedAt: Math.abs(at - nowMs) <= STAMP_SLACK_MS ? at : null, body: payload.slice(m[0].length) };
}

/** The script injected at document start. A string, not a function's source, so no bundler rewrites it. */
export function pageAudioScript(): string {
  return `(() => {
  const send = globalThis[${JSON.stringify(AUDIO_BINDING)}];
  // The page's scripts never see the binding (it still checks what comes through it).
  try { delete globalThis[${JSON.stringify(AUDIO_BINDING)}]; } catch (e) {}
  if (typeof send !== 'function' || window.top !== window) return;
  const Ctx = globalThis.AudioContext;
  const Base = globalThis.BaseAudioContext;
  if (typeof Ctx !== 'function' || typeof Base !== 'function') return;
  const desc = Object.getOwnPropertyDescriptor(Base.prototype, 'destination');
  if (!desc || typeof desc.get !== 'function') return;
  const realDest = (c) => desc.get.call(c);
  const btoa = globalThis.btoa.bind(globalThis);
  const fromCharCode = String.fromCharCode;
  const Offline = globalThis.OfflineAudioContext;
  let cap = null;
  const capture = () => {
    if (cap) return cap;
    const ctx = new Ctx({ sampleRate: ${PAGE_AUDIO_RATE} });
    const input = ctx.createGain();
    const proc = ctx.createScriptProcessor(${PAGE_AUDIO_CHUNK}, 2, 2);
    input.connect(proc);
    proc.connect(realDest(ctx));
    // Where the capture context's clock lies on the wall clock (the screencast's): the least
    // (wall − context) of the last events, so an event dispatched late does not move it.
    const offsets = [];
    // Where the buffers lie on the context's clock. Chromium computes playbackTime when the event
    // is dispatched, so a busy page (a loaded machine) made it, and the stamps, late by the wait
    // (the sound came out 46 ms after its picture). The buffers follow each other back to back:
    // the k-th starts k buffers after the first, whose place is the least (start − k buffers) of
    // the last events (a window, so a buffer the node dropped moves the count within 2 s).
    const starts = [];
    let count = 0;
    proc.onaudioprocess = (e) => {
      offsets.push(Date.now() - ctx.currentTime * 1000);
      if (offsets.length > ${OFFSET_EVENTS}) offsets.shift();
      const span = e.inputBuffer.length / ${PAGE_AUDIO_RATE};
      // The input was rendered over the buffer before the one that plays at playbackTime.
      starts.push(e.playbackTime - 2 * span - count * span);
      if (starts.length > ${OFFSET_EVENTS}) starts.shift();
      const first = Math.min.apply(null, starts) + count * span;
      count++;
      const stamp = Math.min.apply(null, offsets) + first * 1000;
      const l = e.inputBuffer.getChannelData(0);
      const r = e.inputBuffer.numberOfChannels > 1 ? e.inputBuffer.getChannelData(1) : l;
      const n = l.length;
      const pcm = new Int16Array(n * 2);
      let loud = false;
      for (let i = 0; i < n; i++) {
        const a = Math.max(-1, Math.min(1, l[i] || 0));
        const b = Math.max(-1, Math.min(1, r[i] || 0));
        const x = Math.round(a < 0 ? a * 32768 : a * 32767);
        const y = Math.round(b < 0 ? b * 32768 : b * 32767);
        pcm[2 * i] = x;
        pcm[2 * i + 1] = y;
        if (x !== 0 || y !== 0) loud = true;
      }
      // Digital silence is not sent: the studio plays silence where no chunk comes.
      if (!loud) return;
      const bytes = new Uint8Array(pcm.buffer);
      let s = '';
      for (let i = 0; i < bytes.length; i += 0x2000) s += fromCharCode.apply(null, bytes.subarray(i, i + 0x2000));
      try { send((Number.isFinite(stamp) ? stamp.toFixed(1) + ';' : '') + btoa(s)); } catch (e) {}
    };
    if (ctx.state !== 'running') ctx.resume().catch(() => {});
    cap = { ctx, input };
    return cap;
  };
  const taps = new WeakMap();
  Object.defineProperty(Base.prototype, 'destination', {
    configurable: true,
    enumerable: true,
    get() {
      const real = realDest(this);
      if ((typeof Offline === 'function' && this instanceof Offline) || (cap && this === cap.ctx)) return real;
      let tap = taps.get(this);
      if (tap) return tap;
      try {
        tap = this.createGain();
        tap.connect(real);
        Object.defineProperty(tap, 'maxChannelCount', { get: () => real.maxChannelCount });
        const c = capture();
        const out = this.createMediaStreamDestination();
        tap.connect(out);
        c.ctx.createMediaStreamSource(out.stream).connect(c.input);
      } catch (e) {
        return real;
      }
      taps.set(this, tap);
      return tap;
    },
  });
  const routed = new WeakSet();
  const route = (el) => {
    if (!(el instanceof HTMLMediaElement) || routed.has(el)) return;
    routed.add(el);
    try {
      const c = capture();
      c.ctx.createMediaElementSource(el).connect(c.input);
    } catch (e) {}
  };
  const play = HTMLMediaElement.prototype.play;
  HTMLMediaElement.prototype.play = function () {
    route(this);
    return play.apply(this, arguments);
  };
  // Elements that autoplay never call play(); their play event reaches the document while capturing.
  document.addEventListener('play', (e) => route(e.target), true);
})();`;
}

export interface AudioChunkGateOptions {
  /** Milliseconds, for the rate limit (a fake clock in tests). */
  now: () => number;
  /** Called once per gate for each kind of refusal, with why. */
  refused: (why: string) => void;
}

/**
 * What comes through the binding, checked: a base64 string of whole s16le stereo frames, at most
 * MAX_CHUNK_FRAMES, and no more sound than real time allows (a bucket of two seconds that fills at
 * 1.25× real time, so a page that was stalled may catch up but never flood: on a loaded machine
 * the binding's calls were seen to arrive up to 650 ms apart, and a stall of a second was refused
 * by a half-second bucket). Anything else is
 * dropped, and each kind of refusal is reported once.
 */
export class AudioChunkGate {
  static readonly BURST_FRAMES = PAGE_AUDIO_RATE * 2;
  static readonly FILL_PER_MS = (PAGE_AUDIO_RATE * 1.25) / 1000;
  private tokens = AudioChunkGate.BURST_FRAMES;
  private last: number;
  private readonly told = new Set<string>();

  constructor(private readonly opts: AudioChunkGateOptions) {
    this.last = opts.now();
  }

  /** The chunk's PCM when it may pass, else null. */
  take(payload: unknown): Buffer | null {
    if (typeof payload !== 'string') return this.refuse('not a string');
    if (payload.length === 0 || payload.length > MAX_BASE64) return this.refuse(`size ${payload.length} outside 1…${MAX_BASE64} characters`);
    if (payload.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(payload)) return this.refuse('not base64');
    const pcm = Buffer.from(payload, 'base64');
    if (pcm.length === 0 || pcm.length % BYTES_PER_FRAME !== 0) return this.refuse('not whole 16-bit stereo frames');
    const frames = pcm.length / BYTES_PER_FRAME;
    const now = this.opts.now();
    this.tokens = Math.min(AudioChunkGate.BURST_FRAMES, this.tokens + Math.max(0, now - this.last) * AudioChunkGate.FILL_PER_MS);
    this.last = now;
    if (frames > this.tokens) return this.refuse('more sound than real time');
    this.tokens -= frames;
    return pcm;
  }

  private refuse(why: string): null {
    if (!this.told.has(why)) {
      this.told.add(why);
      this.opts.refused(why);
    }
    return null;
  }
}
