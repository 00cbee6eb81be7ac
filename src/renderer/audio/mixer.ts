/**
 * The mixer: one channel strip per input whose source attached sound (through its SourceAudioPort),
 * all summed on the master bus and, by each input's audioTracks, on OBS's six track buses (what
 * the outputs get); the strips' monitor sends meet on the monitor output. The document
 * drives every strip (volume, mute, balance, sync offset, monitoring, whether it is in program);
 * levels() is what the meters and obs-websocket's InputVolumeMeters read.
 */
import { syncLeadMs } from '../../shared/sync-lead';
import { AUDIO_FILTER_KINDS, MIXER_DEFAULTS, shownSources, type Input, type InputLevels, type MixerState, type StudioDocument } from '../../shared';
import type { SourceAudioPort } from '../compositor/sources/types';
import { createAudioFilter, loadDynamics, type AudioFilterUnit } from './filters';
import { FFT_SIZE, measure } from './levels';
import { MonitorOutput, type MonitorStatus } from './monitor';
import { fadeCurve, type FadeRole } from './stinger-fade';
import { ChannelStrip, type FilterUnit, type StripState } from './strip';

/** A stinger's audio running in program: the scenes' inputs, and when and how it fades them. */
interface StingerFade {
  from: Set<string>;
  to: Set<string>;
  /** AudioContext seconds. */
  start: number;
  seconds: number;
  /** The transition point as a fraction of the stinger. */
  point: number;
  style: number;
  timer: ReturnType<typeof setTimeout>;
}

/** Curve samples per second of stinger (AudioParam ramps linearly between them). */
const FADE_SAMPLES_PER_S = 100;

/**
 * Uuids of the inputs active in program (enabled items of the program scene, nested scenes and
 * groups included), as OBS plays them.
 */
export function activeInputs(doc: StudioDocument): Set<string> {
  return shownSources(doc, doc.currentSceneUuid);
}

/** An input's mixer state; collections from before the mixer lack some fields, which read as OBS's defaults. */
export function mixerState(input: Input): MixerState {
  const m = input as Input & Partial<MixerState>;
  return {
    balance: m.balance ?? MIXER_DEFAULTS.balance,
    syncOffsetMs: m.syncOffsetMs ?? MIXER_DEFAULTS.syncOffsetMs,
    monitorType: m.monitorType ?? MIXER_DEFAULTS.monitorType,
    audioTracks: m.audioTracks ?? [...MIXER_DEFAULTS.audioTracks],
  };
}

/** leadMs: added to every strip's offset so negative ones can be honoured (../../shared/sync-lead.ts). */
export function stripState(input: Input, active: boolean, leadMs = 0): StripState {
  const { balance, syncOffsetMs, monitorType, audioTracks } = mixerState(input);
  return { active, muted: input.muted, volumeMul: input.volumeMul, balance, syncOffsetMs: syncOffsetMs + leadMs, monitorType, audioTracks };
}

const AUDIO_FILTERS = new Set(AUDIO_FILTER_KINDS.map((k) => k.id));

/** A strip's running filters: rebuilt when the enabled list changes, updated in place when only settings do. */
interface Chain {
  key: string;
  units: Map<string, AudioFilterUnit>;
  settings: Map<string, string>;
  /** Filter name → the strip whose sound its sidechain hears now. */
  links: Map<string, ChannelStrip>;
}

/** What decides a filter's running shape: a compressor's sidechain is wired, so naming another one rebuilds it. */
const shapeOf = (f: { name: string; kind: string; settings: Record<string, unknown> }): unknown[] => [
  f.name,
  f.kind,
  f.kind === 'compressor_filter' ? (f.settings['sidechain_source'] ?? 'none') : '',
];

/** What one strip does now (the mixer dock and tests read it). */
export interface StripView {
  inputUuid: string;
  active: boolean;
  /** Reaches program output now. */
  output: boolean;
  /** Sends to the monitor now. */
  monitoring: boolean;
  delayMs: number;
  sources: number;
}

export class Mixer {
  private readonly strips = new Map<string, ChannelStrip>();
  private readonly chains = new Map<string, Chain>();
  /** The dynamics worklet has loaded (until then those filters are left out, then the chains are rebuilt). */
  private dynamicsReady = false;
  private disposed = false;
  private readonly monitor: MonitorOutput;
  private readonly masterMeter: { left: AnalyserNode; right: AnalyserNode };
  private readonly scratch: Float32Array<ArrayBuffer> = new Float32Array(FFT_SIZE);
  private doc: StudioDocument | null = null;
  private active = new Set<string>();
  private stingerFade: StingerFade | null = null;
  /**
   * Only the renderer whose meters the engine keeps (the best claimant of program output: the
   * desktop window, or server mode's compositor) plays monitoring, so it is heard once.
   */
  private owner = false;
  private readonly splitter: ChannelSplitterNode;

  constructor(
    private readonly context: AudioContext,
    private readonly master: AudioNode,
    monitor?: MonitorOutput,
    /** The track buses (AudioGraph.tracks); without them strips feed the master bus only. */
    private readonly tracks: readonly AudioNode[] = [],
  ) {
    this.monitor = monitor ?? new MonitorOutput(context);
    this.splitter = new ChannelSplitterNode(context, { numberOfOutputs: 2 });
    const left = new AnalyserNode(context, { fftSize: FFT_SIZE });
    const right = new AnalyserNode(context, { fftSize: FFT_SIZE });
    master.connect(this.splitter);
    this.splitter.connect(left, 0);
    this.splitter.connect(right, 1);
    this.masterMeter = { left, right };
    void loadDynamics(context).then((ready) => {
      if (this.disposed || !ready) return;
      this.dynamicsReady = true;
      if (this.doc) this.sync(this.doc);
    });
  }

  /** The port a source with sound attaches its node to; its strip exists from the first attach. */
  port(inputUuid: string): SourceAudioPort {
    return {
      context: this.context,
      attach: (node) => {
        const strip = this.strip(inputUuid);
        node.connect(strip.input);
        strip.attached++;
        let attached = true;
        return () => {
          if (!attached) return;
          attached = false;
          node.disconnect(strip.input);
          strip.attached--;
        };
      },
    };
  }

  /**
   * OBS's stinger audio: the program switched scene at once, but the scene being left stays heard
   * while the stinger fades it out and the new one in, as its audio_fade_style says (./stinger-fade.ts).
   * null ends a running one (a cut or another kind of transition cuts the sound, as before).
   */
  stinger(fade: { doc: StudioDocument; fromScene: string; durationMs: number; pointMs: number; style: number } | null): void {
    const running = this.stingerFade;
    if (running) {
      clearTimeout(running.timer);
      this.stingerFade = null;
      for (const strip of this.strips.values()) strip.fade(null, 0, FADE_RELEASE_S);
    }
    if (fade && fade.durationMs > 0) {
      const seconds = fade.durationMs / 1000;
      this.stingerFade = {
        from: shownSources(fade.doc, fade.fromScene),
        to: activeInputs(fade.doc),
        start: this.context.currentTime,
        seconds,
        point: fade.pointMs / fade.durationMs,
        style: fade.style,
        timer: setTimeout(() => this.stinger(null), fade.durationMs),
      };
      for (const [uuid, strip] of this.strips) this.applyFade(uuid, strip);
    }
    if (this.doc && running !== this.stingerFade) this.sync(fade?.doc ?? this.doc);
  }

  /** The rest of the running stinger's curve on one strip (an input of neither scene is left at unity). */
  private applyFade(uuid: string, strip: ChannelStrip): void {
    const f = this.stingerFade;
    if (!f) return;
    const role: FadeRole | null = f.from.has(uuid) ? (f.to.has(uuid) ? 'both' : 'from') : f.to.has(uuid) ? 'to' : null;
    if (!role) return;
    const elapsed = Math.min(f.seconds, Math.max(0, this.context.currentTime - f.start));
    const left = f.seconds - elapsed;
    strip.fade(fadeCurve(f.style, role, f.point, elapsed / f.seconds, Math.ceil(left * FADE_SAMPLES_PER_S) + 1), left);
  }

  sync(doc: StudioDocument): void {
    this.doc = doc;
    this.active = activeInputs(doc);
    // The scene being left is still in program while a stinger fades it out.
    for (const uuid of this.stingerFade?.from ?? []) this.active.add(uuid);
    const present = new Set(doc.inputs.map((i) => i.uuid));
    for (const [uuid, strip] of this.strips) {
      if (present.has(uuid)) continue;
      this.dropChain(uuid);
      strip.dispose();
      this.strips.delete(uuid);
    }
    const lead = syncLeadMs(doc.inputs.map(mixerState));
    for (const input of doc.inputs) {
      const strip = this.strips.get(input.uuid);
      if (!strip) continue;
      strip.set(stripState(input, this.active.has(input.uuid), lead), this.owner);
      this.applyFilters(input, strip);
    }
    this.linkSidechains();
    this.updateMonitor();
  }

  setMonitoring(owner: boolean): void {
    if (owner === this.owner) return;
    this.owner = owner;
    if (this.doc) this.sync(this.doc);
  }

  setMonitorDevice(deviceId: string): void {
    this.monitor.setDevice(deviceId);
  }

  get monitorStatus(): MonitorStatus {
    return this.monitor.status;
  }

  /** Meters of the strips in program with sound attached, OBS's inputLevelsMul per channel. */
  levels(): InputLevels[] {
    const out: InputLevels[] = [];
    for (const [inputUuid, strip] of this.strips) {
      if (!strip.active || strip.attached === 0) continue;
      out.push({ inputUuid, levelsMul: strip.levels(this.scratch) });
    }
    return out;
  }

  /** The master bus per channel: [magnitude (RMS), peak, peak]. */
  masterLevels(): number[][] {
    return (['left', 'right'] as const).map((side) => {
      const m = measure(this.masterMeter[side], this.scratch);
      return [m.rms, m.peak, m.peak];
    });
  }

  strip(inputUuid: string): ChannelStrip {
    let strip = this.strips.get(inputUuid);
    if (strip) return strip;
    strip = new ChannelStrip(this.context, this.master, this.monitor.bus, this.tracks);
    this.strips.set(inputUuid, strip);
    const input = this.doc?.inputs.find((i) => i.uuid === inputUuid);
    const lead = syncLeadMs((this.doc?.inputs ?? []).map(mixerState));
    strip.set(input ? stripState(input, this.active.has(inputUuid), lead) : { ...stripState(SILENT, false) }, this.owner);
    if (input) this.applyFilters(input, strip);
    this.applyFade(inputUuid, strip);
    this.linkSidechains();
    this.updateMonitor();
    return strip;
  }

  view(): StripView[] {
    return [...this.strips].map(([inputUuid, s]) => ({
      inputUuid,
      active: s.active,
      output: s.output,
      monitoring: s.monitoring,
      delayMs: s.delayMs,
      sources: s.attached,
    }));
  }

  dispose(): void {
    this.disposed = true;
    if (this.stingerFade) clearTimeout(this.stingerFade.timer);
    this.stingerFade = null;
    for (const uuid of [...this.chains.keys()]) this.dropChain(uuid);
    for (const s of this.strips.values()) s.dispose();
    this.strips.clear();
    this.monitor.dispose();
    this.master.disconnect(this.splitter);
    this.splitter.disconnect();
  }

  /** The input's enabled audio filters, in order, running in its strip. */
  private applyFilters(input: Input, strip: ChannelStrip): void {
    const audio = (input.filters ?? []).filter((f) => f.enabled && AUDIO_FILTERS.has(f.kind));
    const key = JSON.stringify([this.dynamicsReady, audio.map(shapeOf)]);
    const chain = this.chains.get(input.uuid);
    if (chain && chain.key === key) {
      for (const f of audio) {
        const settings = JSON.stringify(f.settings);
        if (chain.settings.get(f.name) === settings) continue;
        chain.settings.set(f.name, settings);
        chain.units.get(f.name)?.update(f.settings);
      }
      return;
    }
    this.dropChain(input.uuid);
    const next: Chain = { key, units: new Map(), settings: new Map(), links: new Map() };
    const list: FilterUnit[] = [];
    for (const f of audio) {
      const unit = createAudioFilter(this.context, f, this.dynamicsReady);
      if (!unit) continue;
      next.units.set(f.name, unit);
      next.settings.set(f.name, JSON.stringify(f.settings));
      list.push(unit);
    }
    this.chains.set(input.uuid, next);
    strip.setFilters(list);
  }

  private dropChain(uuid: string): void {
    const chain = this.chains.get(uuid);
    if (!chain) return;
    this.chains.delete(uuid);
    for (const [name, strip] of chain.links) unlink(strip, chain.units.get(name));
    // The strip disposes the units once its crossfade no longer plays them (or when it is disposed).
  }

  /** Connects every compressor's sidechain to the strip of the input it names (by name, as OBS). */
  private linkSidechains(): void {
    for (const [uuid, chain] of this.chains) {
      for (const [name, unit] of chain.units) {
        const side = unit.sidechain;
        if (!side) continue;
        const source = this.doc?.inputs.find((i) => i.name === side.source);
        const strip = source && source.uuid !== uuid ? this.strips.get(source.uuid) : undefined;
        const linked = chain.links.get(name);
        if (linked === strip) continue;
        if (linked) unlink(linked, unit);
        if (strip) {
          strip.sidechainTap.connect(side.input);
          chain.links.set(name, strip);
        } else {
          chain.links.delete(name);
        }
      }
    }
  }

  private updateMonitor(): void {
    let any = false;
    for (const s of this.strips.values()) any ||= s.monitoring && s.active;
    this.monitor.setPlaying(any);
  }
}

/** After a stinger, a strip's transition gain goes back to unity once its gate (10 ms glide) has shut. */
const FADE_RELEASE_S = 0.1;

/** Until the document names it, a strip stays shut. */
const SILENT: Input = { uuid: '', name: '', kind: '', settings: {}, muted: true, volumeMul: 0 } as Input;

function unlink(strip: ChannelStrip, unit: AudioFilterUnit | undefined): void {
  if (!unit?.sidechain) return;
  try {
    strip.sidechainTap.disconnect(unit.sidechain.input);
  } catch {
    // Already gone with a disposed strip.
  }
}
