/**
 * What an integration suite owns and must give back: temporary folders (removed after the file's
 * tests) and per-test cleanups (run newest first after each test, which then checks that no FFmpeg
 * child outlived it). Call once at the top of a test file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, expect } from 'vitest';
import { listFfmpegChildren } from './procs';

export interface SuiteResources {
  /** A new empty folder, removed when the file's tests are done. */
  temp(prefix: string): string;
  /** Runs after the current test (newest first). */
  onCleanup(fn: () => Promise<void> | void): void;
}

export function suiteResources(): SuiteResources {
  const temps: string[] = [];
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
    // Waited for, not sampled: a studio's start-up encoder probe (a few frames per encoder) may still
    // be finishing when a short test ends; an FFmpeg that really outlives its test is still caught.
    await expect.poll(() => listFfmpegChildren(), { message: 'no FFmpeg outlives a test', timeout: 30_000 }).toEqual([]);
  });
  afterAll(() => {
    for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return {
    temp(prefix) {
      const dir = mkdtempSync(path.join(tmpdir(), prefix));
      temps.push(dir);
      return dir;
    },
    onCleanup: (fn) => void cleanups.push(fn),
  };
}
