/**
 * Writes a post-stream report when a stream stops: JSON and a readable HTML page beside the
 * recordings, announced with the 'report.saved' event (which webhooks pass on as stream.report)
 * and kept for the vendor request GetLastStreamReport.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DestinationStats, NoticeLevel, StreamReport, StudioDocument, StudioEvent } from '../../shared';
import type { Clock, Disposable } from '../api';
import { recordingFolder } from '../output/recording/file-name';
import { message } from '../webhooks/derive';
import { StreamSession } from './collector';
import { reportHtml } from './html';

export interface SavedReport {
  report: StreamReport;
  path: string;
  htmlPath: string;
}

export interface ReporterOptions {
  subscribe: (listener: (event: StudioEvent) => void) => Disposable;
  emit: (event: StudioEvent) => void;
  document: () => StudioDocument;
  dataDir: string;
  clock: Clock;
  /** Unix ms, for the report's dates and file name. */
  wallNow?: () => number;
  /** The encoder the stream starts with (the encoder selection's choice). */
  encoder: () => string | null;
  /**
   * The destinations' numbers now: read as the stream stops, since the once-a-second stats may be
   * up to a second old by then (a short stream would be reported with its first second only).
   */
  destinations?: () => DestinationStats[];
  notify: (level: NoticeLevel, message: string) => void;
}

export class StreamReporter {
  private session: StreamSession | null = null;
  private last: SavedReport | null = null;
  private writing: Promise<void> = Promise.resolve();
  private readonly subscription: Disposable;

  constructor(private readonly opts: ReporterOptions) {
    this.subscription = opts.subscribe((event) => this.take(event));
  }

  /** The last report written in this run of the studio, or null. */
  lastReport(): SavedReport | null {
    return this.last;
  }

  /** Resolves once a report being written is on disk. */
  settled(): Promise<void> {
    return this.writing;
  }

  dispose(): void {
    this.subscription.dispose();
  }

  private wall(): Date {
    return new Date((this.opts.wallNow ?? Date.now)());
  }

  private take(event: StudioEvent): void {
    const now = this.opts.clock.now();
    if (event.type === 'stream.state') {
      const { state, error } = event.data;
      if (!this.session && state !== 'idle' && state !== 'failed' && state !== 'stopping') {
        this.session = new StreamSession(now, this.wall(), this.opts.encoder());
      } else if (this.session && (state === 'stopping' || state === 'idle' || state === 'failed')) {
        this.session.totals(this.opts.destinations?.() ?? []);
      }
      if (this.session && (state === 'idle' || state === 'failed')) {
        const report = this.session.finish(now, this.wall(), state, message(error));
        this.session = null;
        this.writing = this.writing.then(() => this.save(report));
      }
      return;
    }
    this.session?.take(event, now);
  }

  private async save(report: StreamReport): Promise<void> {
    const dir = recordingFolder(this.opts.document().output.recording.folder, this.opts.dataDir);
    const base = `stream-report ${report.startedAt.replace(/[:.]/g, '-')}`;
    const file = path.join(dir, `${base}.json`);
    const htmlFile = path.join(dir, `${base}.html`);
    try {
      await mkdir(dir, { recursive: true });
      // Written aside and renamed, so a reader never sees half a report.
      await writeFile(`${file}.tmp`, JSON.stringify(report, null, 2));
      await rename(`${file}.tmp`, file);
      await writeFile(`${htmlFile}.tmp`, reportHtml(report));
      await rename(`${htmlFile}.tmp`, htmlFile);
    } catch (e) {
      this.opts.notify('warning', `The stream report could not be saved in ${dir} (${String((e as NodeJS.ErrnoException).code ?? e)}).`);
      return;
    }
    this.last = { report, path: file, htmlPath: htmlFile };
    this.opts.emit({ type: 'report.saved', data: { path: file, htmlPath: htmlFile, durationMs: report.durationMs } });
  }
}
