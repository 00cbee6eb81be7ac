/**
 * Keeps periodic program screenshots in step with the profile's ScreenshotSettings: a change of
 * settings replaces the running PeriodicScreenshots (waiting for a file being written), and one
 * made while live starts at once. A host's fixed options (StudioPorts.screenshots, for tests and
 * embedders) win over the profile.
 */
import path from 'node:path';
import type { ScreenshotSettings, StudioDocument } from '../shared';
import type { PeriodicScreenshotOptions } from './api';
import { PeriodicScreenshots, type PeriodicDeps, type PeriodicStatus } from './screenshot';

export interface ScheduleDeps extends PeriodicDeps {
  dataDir: string;
  /** Fixed options from the host; the profile's settings are then ignored. */
  fixed?: PeriodicScreenshotOptions;
}

const EMPTY: PeriodicStatus = { saved: 0, failed: 0, skipped: 0, lastFile: null, lastError: null };

/** Where pictures go when the settings name no folder. */
export const defaultScreenshotFolder = (dataDir: string): string => path.join(dataDir, 'screenshots');

export function screenshotOptions(settings: ScreenshotSettings, dataDir: string): PeriodicScreenshotOptions | null {
  if (!settings.enabled) return null;
  return {
    dir: settings.folder || defaultScreenshotFolder(dataDir),
    intervalSec: settings.intervalSec,
    format: settings.format,
    maxWidth: settings.maxWidth,
    keep: settings.keep,
  };
}

export class ScreenshotSchedule {
  private running: PeriodicScreenshots | null = null;
  private key = 'null';
  /** Counts of the runs replaced so far, so a settings change does not reset what the user sees. */
  private carried: PeriodicStatus = { ...EMPTY };
  private stopping: Promise<void> = Promise.resolve();
  private disposed = false;

  constructor(private readonly deps: ScheduleDeps) {
    this.sync(deps.document());
  }

  /** Call on every document change; only a change of the screenshot settings does anything. */
  sync(doc: StudioDocument): void {
    if (this.disposed) return;
    const options = this.deps.fixed ?? screenshotOptions(doc.output.screenshots, this.deps.dataDir);
    const key = JSON.stringify(options);
    if (key === this.key) return;
    this.key = key;
    this.retire();
    if (options) this.running = new PeriodicScreenshots(options, this.deps);
  }

  status(): PeriodicStatus & { active: boolean; folder: string } {
    const now = this.running?.status() ?? EMPTY;
    const settings = this.deps.document().output.screenshots;
    return {
      active: this.running !== null,
      folder: this.deps.fixed?.dir ?? (settings.folder || defaultScreenshotFolder(this.deps.dataDir)),
      saved: this.carried.saved + now.saved,
      failed: this.carried.failed + now.failed,
      skipped: this.carried.skipped + now.skipped,
      lastFile: now.lastFile ?? this.carried.lastFile,
      lastError: now.lastError ?? this.carried.lastError,
    };
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.retire();
    await this.stopping;
  }

  private retire(): void {
    const old = this.running;
    if (!old) return;
    const { active: _active, folder: _folder, ...counts } = this.status();
    this.carried = counts;
    this.running = null;
    this.stopping = Promise.all([this.stopping, old.dispose()]).then(() => undefined);
  }
}
