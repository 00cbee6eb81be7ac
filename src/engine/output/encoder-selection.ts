/**
 * Which encoder the studio streams with, and why — kept as one EncoderStatus the UI and the remote
 * API can show at any time. The probe (a real test encode per encoder, encoders/probe.ts) runs once
 * per FFmpeg binary: at start-up when the host asks for it, otherwise before the first stream, and
 * again on demand ("probe again" after a driver update). Results are shared by every studio in the
 * process, since they describe the machine, not a document.
 */
import { stat } from 'node:fs/promises';
import { codecProblem, type EncoderStatus, type StudioDocument, type StudioEvent } from '../../shared';
import type { Logger } from '../api';
import { chooseEncoder, type EncoderChoice } from './encoders/choose';
import type { FallbackSwitch } from './encoders/fallback';
import { EncoderProbeCache } from './encoders/probe-cache';
import { probeEncoders, type EncoderProbe } from './encoders/probe';

export interface EncoderSelectionOptions {
  document(): StudioDocument;
  /** Finds the FFmpeg a stream would use now (the locator's answer), or null with why not. */
  ffmpeg(): Promise<{ path: string } | { problem: string }>;
  emit(event: StudioEvent): void;
  logger: Logger;
  /** Shared by default (see above); tests pass their own. */
  cache?: EncoderProbeCache;
  probe?: (ffmpegPath: string, signal: AbortSignal) => Promise<EncoderProbe[]>;
}

const SHARED_CACHE = new EncoderProbeCache();

export class EncoderSelection {
  private current: EncoderStatus = { probing: false, chosen: null, why: 'The encoders have not been tested yet.', probes: [], fallback: null };
  private probes: EncoderProbe[] | null = null;
  private readonly abort = new AbortController();
  private readonly cache: EncoderProbeCache;

  constructor(private readonly opts: EncoderSelectionOptions) {
    this.cache = opts.cache ?? SHARED_CACHE;
  }

  status(): EncoderStatus {
    return this.current;
  }

  /**
   * Tests the encoders of the FFmpeg in use (from the cache unless `again`), then answers the
   * choice for the current settings. Never rejects: a missing FFmpeg is a status, not an error.
   */
  async refresh(again = false): Promise<EncoderStatus> {
    const found = await this.opts.ffmpeg();
    if ('problem' in found) {
      this.probes = null;
      this.set({ probing: false, chosen: null, why: found.problem, probes: [] });
      return this.current;
    }
    const key = { path: found.path, version: await fingerprint(found.path) };
    if (again) this.cache.invalidate(found.path);
    if (!this.cache.has(key)) this.set({ probing: true });
    try {
      const probe = this.opts.probe ?? ((p: string, signal: AbortSignal) => probeEncoders(p, { signal }));
      this.probes = await this.cache.get(key, () => probe(found.path, this.abort.signal));
    } catch (error) {
      if (this.abort.signal.aborted) return this.current;
      this.probes = null;
      this.set({ probing: false, chosen: null, why: `The encoders could not be tested: ${String(error)}`, probes: [] });
      return this.current;
    }
    this.choose();
    return this.current;
  }

  /** For a stream start: the encoder to use (probing first when that has not happened yet). */
  async forStream(): Promise<EncoderChoice> {
    await this.refresh();
    return { name: this.current.chosen ?? 'libx264', why: this.current.why, tested: this.current.chosen !== null && this.probeWorks(this.current.chosen) };
  }

  /** The settings changed: the user's preference or the destinations may choose differently now. */
  documentChanged(): void {
    if (this.probes) this.choose();
  }

  /** A hardware encoder failed mid-stream and libx264 took over. */
  switched(change: FallbackSwitch): void {
    this.set({ fallback: { from: change.from, to: change.to, message: change.message } });
  }

  /** The stream ended: the next one starts with the chosen encoder again. */
  streamEnded(): void {
    if (this.current.fallback) this.set({ fallback: null });
  }

  dispose(): void {
    this.abort.abort();
  }

  private choose(): void {
    const probes = this.probes ?? [];
    const doc = this.opts.document();
    // FLV (RTMP/RTMPS) carries H.264 only; HEVC is possible only when every destination is SRT
    // (the rule Settings shows, src/shared/codecs.ts).
    const allowHevc = codecProblem('hevc', doc.destinations) === null;
    const choice = chooseEncoder(probes, doc.output.encoder.encoder, { allowHevc });
    this.set({
      probing: false,
      chosen: choice.name,
      why: choice.why,
      probes: probes.map(({ name, listed, works, reason }) => ({ name, listed, works, reason })),
    });
  }

  private probeWorks(name: string): boolean {
    return this.probes?.some((p) => p.name === name && p.works) ?? false;
  }

  private set(patch: Partial<EncoderStatus>): void {
    const next = { ...this.current, ...patch };
    if (JSON.stringify(next) === JSON.stringify(this.current)) return;
    this.current = next;
    if (patch.chosen !== undefined && patch.chosen !== null) this.opts.logger.log('info', 'encoder chosen', { encoder: next.chosen, why: next.why });
    this.opts.emit({ type: 'encoder.status', data: next });
  }
}

/** Stands for the binary's version in the cache key: a replaced or updated FFmpeg changes it. */
async function fingerprint(file: string): Promise<string> {
  const info = await stat(file).catch(() => null);
  return info ? `${info.size}:${Math.round(info.mtimeMs)}` : 'unknown';
}
