/**
 * Desktop audio (audio_output_capture) on Linux. Chromium hides PulseAudio/PipeWire monitor sources
 * from web pages, so while an audio_output_capture input wants an output's monitor, the engine loads
 * a remap source over it (module-remap-source through pactl, which speaks to PulseAudio and to
 * PipeWire's pipewire-pulse alike). Chromium lists that source as an ordinary audio input, labelled
 * desktopAudioLabel(device_id), and the renderer opens it. Modules are unloaded when no input wants
 * them and when the studio closes; a leftover from a crash is found by its name and taken over.
 * Elsewhere (Windows, macOS) nothing is done here.
 */
import { execFile } from 'node:child_process';
import { AUDIO_OUTPUT_CAPTURE, DEFAULT_OUTPUT_DEVICE, desktopAudioLabel, type StudioDocument, type StudioEvent } from '../../shared';
import type { Disposable, Logger } from '../api';

/** Runs pactl with these arguments and resolves with its stdout. */
export type Pactl = (args: readonly string[]) => Promise<string>;

export interface OutputDevice {
  /** The monitor source's name: OBS's device_id value. */
  monitor: string;
  /** The output's description, for people. */
  description: string;
}

export const runPactl: Pactl = (args) =>
  new Promise((resolve, reject) => {
    execFile('pactl', [...args], { timeout: 5000, maxBuffer: 4 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`pactl ${args[0] ?? ''} failed: ${(stderr || err.message).trim().split('\n')[0]}`));
      else resolve(stdout);
    });
  });

/** The outputs of `pactl -f json list sinks` that have a monitor. */
export function parseSinks(json: string): OutputDevice[] {
  const list: unknown = JSON.parse(json);
  if (!Array.isArray(list)) return [];
  const out: OutputDevice[] = [];
  for (const s of list as Record<string, unknown>[]) {
    const monitor = s['monitor_source'];
    if (typeof monitor !== 'string' || monitor === '') continue;
    const description = typeof s['description'] === 'string' && s['description'] !== '' ? s['description'] : monitor;
    out.push({ monitor, description });
  }
  return out;
}

/** The outputs whose sound can be captured; empty where there is no PulseAudio/PipeWire. */
export async function listOutputs(pactl: Pactl = runPactl): Promise<OutputDevice[]> {
  try {
    return parseSinks(await pactl(['-f', 'json', 'list', 'sinks']));
  } catch {
    return [];
  }
}

/**
 * Whether a device_id can be handed to pactl: PulseAudio/PipeWire source names never hold spaces or
 * quotes, and refusing them keeps a remote client's value from adding module arguments.
 */
export function isOutputName(id: string): boolean {
  return /^[A-Za-z0-9._:@-]{1,255}$/.test(id);
}

/** The remap source's name for a device_id (PulseAudio names: letters, digits, . _ -). */
export function remapName(deviceId: string): string {
  return `broadcast_studio_desktop.${deviceId.replace(/[^A-Za-z0-9._-]/g, '_')}`;
}

/** pactl load-module arguments for the remap source over this device_id's monitor. */
export function remapArgs(deviceId: string): string[] {
  const master = deviceId === DEFAULT_OUTPUT_DEVICE ? '@DEFAULT_MONITOR@' : deviceId;
  // The description is quoted twice: once for the module's arguments, once for the property list.
  const description = desktopAudioLabel(deviceId).replace(/["'\\]/g, '');
  return ['load-module', 'module-remap-source', `master=${master}`, `source_name=${remapName(deviceId)}`, `source_properties="device.description='${description}'"`];
}

/** The device_ids the document's audio_output_capture inputs want (each once). */
export function wantedDevices(doc: StudioDocument): Set<string> {
  const out = new Set<string>();
  for (const input of doc.inputs) {
    if (input.kind !== AUDIO_OUTPUT_CAPTURE.id) continue;
    const id = input.settings['device_id'];
    out.add(typeof id === 'string' && id !== '' ? id : DEFAULT_OUTPUT_DEVICE);
  }
  return out;
}

export interface DesktopAudioDeps {
  document: () => StudioDocument;
  subscribe: (listener: (event: StudioEvent) => void) => Disposable;
  logger: Logger;
  platform?: NodeJS.Platform;
  pactl?: Pactl;
}

export class DesktopAudio {
  /** device_id → the module index loaded for it. */
  private readonly loaded = new Map<string, number>();
  private readonly sub: Disposable | null;
  private readonly pactl: Pactl;
  private queue: Promise<void> = Promise.resolve();
  private warned = new Set<string>();
  private disposed = false;

  constructor(private readonly deps: DesktopAudioDeps) {
    this.pactl = deps.pactl ?? runPactl;
    if ((deps.platform ?? process.platform) !== 'linux') {
      this.sub = null;
      return;
    }
    this.sub = deps.subscribe((e) => {
      if (e.type === 'document.changed') this.sync(e.data.document);
    });
    this.sync(deps.document());
  }

  /** Resolves when the loads and unloads asked for so far are done (tests). */
  settled(): Promise<void> {
    return this.queue;
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.sub?.dispose();
    await this.enqueue(async () => {
      for (const id of [...this.loaded.keys()]) await this.unload(id);
    });
  }

  private sync(doc: StudioDocument): void {
    if (this.disposed) return;
    const wanted = wantedDevices(doc);
    void this.enqueue(async () => {
      if (this.disposed) return;
      for (const id of [...this.loaded.keys()]) if (!wanted.has(id)) await this.unload(id);
      for (const id of wanted) if (!this.loaded.has(id)) await this.load(id);
    });
  }

  private enqueue(job: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(job, job);
    return this.queue;
  }

  private async load(id: string): Promise<void> {
    try {
      if (!isOutputName(id)) throw new Error(`device_id must name an output's monitor source (letters, digits, . _ - :), not ${JSON.stringify(id.slice(0, 80))}`);
      const owner = await this.existing(remapName(id));
      const index = owner ?? Number((await this.pactl(remapArgs(id))).trim());
      if (Number.isInteger(index)) this.loaded.set(id, index);
      this.deps.logger.log('info', 'desktop audio source ready', { deviceId: id, module: index, takenOver: owner !== null });
    } catch (err) {
      // No PulseAudio/PipeWire, no pactl, or no such output: the renderer says so on the source.
      const message = err instanceof Error ? err.message : String(err);
      if (!this.warned.has(id)) this.deps.logger.log('warn', 'desktop audio cannot be captured', { deviceId: id, error: message });
      this.warned.add(id);
    }
  }

  private async unload(id: string): Promise<void> {
    const index = this.loaded.get(id);
    this.loaded.delete(id);
    if (index === undefined) return;
    try {
      await this.pactl(['unload-module', String(index)]);
    } catch (err) {
      this.deps.logger.log('warn', 'desktop audio source could not be removed', { deviceId: id, error: err instanceof Error ? err.message : String(err) });
    }
  }

  /** The owner module of a source by this name left from an earlier run, or null. */
  private async existing(name: string): Promise<number | null> {
    const list: unknown = JSON.parse(await this.pactl(['-f', 'json', 'list', 'sources']));
    if (!Array.isArray(list)) return null;
    for (const s of list as Record<string, unknown>[]) {
      if (s['name'] === name && typeof s['owner_module'] === 'number') return s['owner_module'];
    }
    return null;
  }
}
