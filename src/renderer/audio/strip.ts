/**
 * One input's channel strip, OBS's order: sync-offset delay → filters → fader (volume, mute) →
 * balance → the output and monitor sends; the output send feeds the master bus and each mixer track
 * the input is on (OBS: after the fader and balance; a monitor-only strip feeds none). Meters read after the filters (before the fader: OBS's
 * inputPeak) and after the balance (what the strip really sends). An input that is not active in
 * program is gated to silence at the strip's entrance, as OBS plays only what program shows.
 */
import type { MonitorType } from '../../shared';
import { CrossfadeChain } from './crossfade-chain';
import { balanceGains } from './laws';
import { FFT_SIZE, measure } from './levels';

export interface StripState {
  /** Shown in program (an enabled item of the program scene). */
  active: boolean;
  muted: boolean;
  volumeMul: number;
  balance: number;
  syncOffsetMs: number;
  monitorType: MonitorType;
  /** Whether it feeds track 1..6 (index 0 = track 1); absent: every track. */
  audioTracks?: readonly boolean[];
}

/** What the strip's sends do for a monitoring type; `canMonitor` is false where nothing may be heard. */
export function routing(type: MonitorType, canMonitor: boolean): { output: boolean; monitor: boolean } {
  return { output: type !== 'monitorOnly', monitor: canMonitor && type !== 'none' };
}

/** A filter as the strip runs it: audio enters `input` and leaves `output` (the same node for one-node filters). */
export interface FilterUnit {
  readonly input: AudioNode;
  readonly output: AudioNode;
  /** Seconds its sound comes out late once it has settled (RNNoise); 0 when absent. */
  readonly latencyS?: number;
  /** Called once when it is wired in and starts to be heard. */
  start?(): void;
  dispose(): void;
}

/** Gain changes glide over ~10 ms so a mute or fader move does not click. */
const GLIDE_S = 0.01;
/** DelayNodes allocate their whole buffer up front: sized in whole seconds, grown when needed. */
const delaySeconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));

interface Meter {
  left: AnalyserNode;
  right: AnalyserNode;
}

export class ChannelStrip {
  /** Where the input's source nodes connect; stereo, so a mono source reaches both sides. */
  readonly input: GainNode;
  private delay: DelayNode | null = null;
  /** After the delay: where the filter chain takes the sound. */
  private readonly head: GainNode;
  private readonly filters: CrossfadeChain;
  /** After the filters: the fader's input, and the point OBS's inputPeak reads. */
  private readonly pre: GainNode;
  private readonly fader: GainNode;
  private readonly left: GainNode;
  private readonly right: GainNode;
  /** After the balance: what the strip sends. */
  private readonly post: GainNode;
  /** A scene transition's gain on the way to program (a stinger's audio_fade_style); 1 otherwise. */
  private readonly transition: GainNode;
  private readonly toOutput: GainNode;
  /** toOutput's sends to the track buses, one per track. */
  private readonly toTracks: GainNode[];
  private readonly toMonitor: GainNode;
  private readonly preMeter: Meter;
  private readonly postMeter: Meter;
  private readonly nodes: AudioNode[] = [];
  private state: StripState | null = null;
  private canMonitor = false;
  /** Source nodes attached now; a strip without any reports no meter. */
  attached = 0;

  constructor(
    private readonly context: BaseAudioContext,
    master: AudioNode,
    monitorBus: AudioNode,
    /** The track buses (index 0 = track 1); none where only the master is wanted (tests). */
    tracks: readonly AudioNode[] = [],
  ) {
    const stereo = { channelCount: 2, channelCountMode: 'explicit', channelInterpretation: 'speakers' } as const;
    this.input = this.own(new GainNode(context, { gain: 0, ...stereo }));
    this.head = this.own(new GainNode(context, stereo));
    this.pre = this.own(new GainNode(context, stereo));
    this.fader = this.own(new GainNode(context, stereo));
    this.left = this.own(new GainNode(context));
    this.right = this.own(new GainNode(context));
    this.post = this.own(new GainNode(context, stereo));
    this.transition = this.own(new GainNode(context, stereo));
    this.toOutput = this.own(new GainNode(context, stereo));
    this.toMonitor = this.own(new GainNode(context, { gain: 0, ...stereo }));
    const split = this.own(new ChannelSplitterNode(context, { numberOfOutputs: 2 }));
    const merge = this.own(new ChannelMergerNode(context, { numberOfInputs: 2 }));
    this.input.connect(this.head);
    this.filters = new CrossfadeChain(context, this.head, this.pre);
    this.pre.connect(this.fader);
    this.fader.connect(split);
    split.connect(this.left, 0);
    split.connect(this.right, 1);
    this.left.connect(merge, 0, 0);
    this.right.connect(merge, 0, 1);
    merge.connect(this.post);
    this.post.connect(this.transition).connect(this.toOutput);
    this.post.connect(this.toMonitor);
    this.toOutput.connect(master);
    this.toTracks = tracks.map((bus) => {
      const send = this.own(new GainNode(context, stereo));
      this.toOutput.connect(send).connect(bus);
      return send;
    });
    this.toMonitor.connect(monitorBus);
    this.preMeter = this.meter(this.pre);
    this.postMeter = this.meter(this.post);
  }

  get active(): boolean {
    return this.state?.active ?? false;
  }

  /** Applies the input's mixer state; `canMonitor`: this renderer is the one that may be heard. */
  set(state: StripState, canMonitor: boolean): void {
    const prev = this.state;
    this.state = state;
    this.canMonitor = canMonitor;
    const now = this.context.currentTime;
    const glide = (param: AudioParam, value: number): void => {
      if (prev) param.setTargetAtTime(value, now, GLIDE_S);
      else param.value = value;
    };
    glide(this.input.gain, state.active ? 1 : 0);
    glide(this.fader.gain, state.muted ? 0 : state.volumeMul);
    const [l, r] = balanceGains(state.balance);
    glide(this.left.gain, l);
    glide(this.right.gain, r);
    const route = routing(state.monitorType, canMonitor);
    glide(this.toOutput.gain, route.output ? 1 : 0);
    this.toTracks.forEach((send, k) => glide(send.gain, state.audioTracks?.[k] === false ? 0 : 1));
    glide(this.toMonitor.gain, route.monitor ? 1 : 0);
    if (!prev || prev.syncOffsetMs !== state.syncOffsetMs) this.setDelay(state.syncOffsetMs);
  }

  /**
   * A transition's gain for program output: `curve` from now over `seconds` (held at its last
   * value), or null to go back to unity after `afterS` (once a closing gate has shut).
   */
  fade(curve: Float32Array<ArrayBuffer> | null, seconds: number, afterS = 0): void {
    const gain = this.transition.gain;
    const now = this.context.currentTime;
    // Hold where a running curve is now: a curve cannot be cut short by cancelScheduledValues.
    gain.cancelAndHoldAtTime(now);
    const end = curve ? (curve[curve.length - 1] ?? 1) : 1;
    try {
      if (curve && seconds > 0) gain.setValueCurveAtTime(curve, now, seconds);
      else gain.setValueAtTime(end, now + (curve ? 0 : afterS));
    } catch {
      // An automation clash must not stop the sound: jump to where the fade ends.
      gain.cancelScheduledValues(0);
      gain.value = end;
    }
  }

  /**
   * Replaces the filter chain, crossfading from the old one (./crossfade-chain.ts). The strip owns
   * the units from here: it disposes them once they are no longer heard.
   */
  setFilters(units: readonly FilterUnit[]): void {
    this.filters.set(units);
  }

  /** Filter chains held now (heard, fading out, waiting): tests check none leak. */
  get filterChains(): number {
    return this.filters.held;
  }

  /** Where another input's compressor listens when it names this one as its sidechain: after the filters, before the fader. */
  get sidechainTap(): AudioNode {
    return this.pre;
  }

  /** Whether this strip sends to the monitor now (for tests and the mixer dock). */
  get monitoring(): boolean {
    return this.state ? routing(this.state.monitorType, this.canMonitor).monitor : false;
  }

  /** Whether this strip reaches program output now. */
  get output(): boolean {
    return this.state ? this.state.active && routing(this.state.monitorType, this.canMonitor).output : false;
  }

  /** The delay actually applied, ms (negative offsets cannot be applied: see setDelay). */
  get delayMs(): number {
    return this.delay ? this.delay.delayTime.value * 1000 : 0;
  }

  /** Per channel, OBS's [magnitude (RMS), peak, inputPeak], linear, after and before the fader. */
  levels(scratch: Float32Array<ArrayBuffer>): number[][] {
    const out: number[][] = [];
    for (const side of ['left', 'right'] as const) {
      const after = measure(this.postMeter[side], scratch);
      const before = measure(this.preMeter[side], scratch);
      out.push([after.rms, after.peak, before.peak]);
    }
    return out;
  }

  dispose(): void {
    this.delay?.disconnect();
    this.filters.dispose();
    for (const n of this.nodes) n.disconnect();
  }

  /**
   * A positive offset delays this input. Sound cannot be played before it arrives: the mixer adds
   * the lead of the most negative offset to every strip (../../shared/sync-lead.ts) and the engine
   * holds the pictures back by it, so what arrives here is never below 0 (clamped all the same).
   */
  private setDelay(ms: number): void {
    const seconds = Math.max(0, ms) / 1000;
    if (seconds === 0) {
      if (!this.delay) return;
      this.delay.disconnect();
      this.delay = null;
    } else if (this.delay && this.delay.delayTime.maxValue >= seconds) {
      this.delay.delayTime.value = seconds;
      return;
    } else {
      this.delay?.disconnect();
      this.delay = new DelayNode(this.context, { maxDelayTime: delaySeconds(ms), delayTime: seconds, channelCount: 2, channelCountMode: 'explicit' });
    }
    this.rewire();
  }

  /** input → delay → head, rewired when the delay comes or goes (the filters hang off head). */
  private rewire(): void {
    this.input.disconnect();
    this.delay?.disconnect();
    if (this.delay) this.input.connect(this.delay).connect(this.head);
    else this.input.connect(this.head);
  }

  private meter(node: AudioNode): Meter {
    const split = this.own(new ChannelSplitterNode(this.context, { numberOfOutputs: 2 }));
    const left = this.own(new AnalyserNode(this.context, { fftSize: FFT_SIZE }));
    const right = this.own(new AnalyserNode(this.context, { fftSize: FFT_SIZE }));
    node.connect(split);
    split.connect(left, 0);
    split.connect(right, 1);
    return { left, right };
  }

  private own<T extends AudioNode>(node: T): T {
    this.nodes.push(node);
    return node;
  }
}
