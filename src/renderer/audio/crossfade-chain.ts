/**
 * A strip's filter chain, changed without a click. A new list of units (a filter added, removed,
 * toggled, reordered: the mixer builds new units for it) is wired beside the chain being heard,
 * into the crossfader's other input (./crossfade-worklet.ts), which lets it warm up unheard for
 * CROSSFADE_WARMUP_MS and then fades from old to new over CROSSFADE_MS; once it says it is done, the old chain is cut off and disposed. A list arriving
 * while a fade runs waits, and a later one replaces it (the one replaced is disposed unheard): at
 * most two chains are wired and one waits, however fast changes come.
 *
 * Until the crossfader has loaded (it loads with the dynamics filters) chains switch at once, as
 * before; the first change after that moves the chain onto it.
 */
import { CROSSFADE_MS, CROSSFADE_PROCESSOR, CROSSFADE_WARMUP_MS, crossfadeReady, fadeShape, type FadeMessage } from './crossfade-worklet';
import type { FilterUnit } from './strip';

interface Wired {
  units: readonly FilterUnit[];
  /** The crossfader's input it feeds (0 without a crossfader). */
  slot: number;
}

/** Seconds a chain's sound comes out late once warmed up (RNNoise's frames). */
const latencyOf = (units: readonly FilterUnit[]): number => units.reduce((s, u) => s + (u.latencyS ?? 0), 0);

export class CrossfadeChain {
  private node: AudioWorkletNode | null = null;
  private live: Wired = { units: [], slot: 0 };
  /** The chain fading out, until the crossfader is done with it. */
  private going: Wired | null = null;
  private waiting: readonly FilterUnit[] | null = null;
  private seq = 0;
  private disposed = false;

  constructor(
    private readonly context: BaseAudioContext,
    /** Where the chain's sound comes from. */
    private readonly head: AudioNode,
    /** Where it goes. */
    private readonly tail: AudioNode,
  ) {
    this.wire(this.live);
  }

  /** Chains held now: the one heard, one fading out, one waiting (tests check none leak). */
  get held(): number {
    return 1 + (this.going ? 1 : 0) + (this.waiting ? 1 : 0);
  }

  /** Runs `units` from now on; the strip owns them from here and disposes them. */
  set(units: readonly FilterUnit[]): void {
    if (this.disposed) {
      for (const u of units) u.dispose();
      return;
    }
    if (!this.node && crossfadeReady(this.context)) this.install();
    if (!this.node) {
      this.cut(this.live);
      this.live = { units, slot: 0 };
      this.wire(this.live);
      return;
    }
    if (this.going) {
      for (const u of this.waiting ?? []) u.dispose();
      this.waiting = units;
      return;
    }
    this.begin(units);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.node) {
      this.node.port.postMessage('stop');
      this.node.port.onmessage = null;
      this.node.disconnect();
    }
    for (const w of [this.live, this.going]) if (w) this.cut(w);
    for (const u of this.waiting ?? []) u.dispose();
    this.going = null;
    this.waiting = null;
  }

  private begin(units: readonly FilterUnit[]): void {
    const from = latencyOf(this.live.units);
    const next: Wired = { units, slot: 1 - this.live.slot };
    this.wire(next);
    const message: FadeMessage = { seq: ++this.seq, shape: fadeShape(from, latencyOf(units)) };
    this.going = this.live;
    this.live = next;
    this.node?.port.postMessage(message);
  }

  private done(seq: number): void {
    if (seq !== this.seq || !this.going || this.disposed) return;
    this.cut(this.going);
    this.going = null;
    const waiting = this.waiting;
    this.waiting = null;
    if (waiting) this.begin(waiting);
  }

  /** The crossfader takes over the chain heard now (once: the one switch that is not faded). */
  private install(): void {
    const node = new AudioWorkletNode(this.context, CROSSFADE_PROCESSOR, {
      numberOfInputs: 2,
      numberOfOutputs: 1,
      outputChannelCount: [2],
      channelCount: 2,
      channelCountMode: 'explicit',
      processorOptions: { ms: CROSSFADE_MS, warmupMs: CROSSFADE_WARMUP_MS },
    });
    node.port.onmessage = (e: MessageEvent<{ done?: number }>) => {
      if (typeof e.data.done === 'number') this.done(e.data.done);
    };
    const last = this.last(this.live);
    last.connect(node, 0, 0);
    node.connect(this.tail);
    safely(() => last.disconnect(this.tail));
    this.node = node;
  }

  private last(w: Wired): AudioNode {
    return w.units[w.units.length - 1]?.output ?? this.head;
  }

  /** head → units → the crossfader's input (or the tail), wired from the end so the sound enters a complete chain. */
  private wire(w: Wired): void {
    const into = (from: AudioNode): void => {
      if (this.node) from.connect(this.node, 0, w.slot);
      else from.connect(this.tail);
    };
    const units = w.units;
    into(this.last(w));
    for (let i = units.length - 1; i > 0; i--) units[i - 1]!.output.connect(units[i]!.input);
    if (units[0]) this.head.connect(units[0].input);
    for (const u of units) u.start?.();
  }

  /** Cuts a chain off at both ends and disposes its units. */
  private cut(w: Wired): void {
    const first = w.units[0];
    const last = this.last(w);
    if (first) safely(() => this.head.disconnect(first.input));
    if (this.node) safely(() => last.disconnect(this.node!, 0, w.slot));
    else safely(() => last.disconnect(this.tail));
    for (const u of w.units) u.dispose();
  }
}

/** Disconnecting what is not connected throws; here it only means there was nothing to cut. */
function safely(f: () => void): void {
  try {
    f();
  } catch {
    // Not connected.
  }
}
