import { describe, expect, it } from 'vitest';
import { freeText, parseMinFreeMb, previewFileName, progressText, shortenPath } from './recordingText';

// Local time, as the engine expands it: 2026-03-04 05:06:07.
const now = new Date(2026, 2, 4, 5, 6, 7);

describe('file name preview', () => {
  it('expands the OBS placeholders in local time, as the engine does', () => {
    expect(previewFileName('%CCYY-%MM-%DD %hh-%mm-%ss', 'mkv', now)).toBe('2026-03-04 05-06-07.mkv');
  });

  it('adds the extension of the format', () => {
    expect(previewFileName('%CCYY-%MM-%DD', 'mkv', now)).toBe('2026-03-04.mkv');
    expect(previewFileName('%CCYY-%MM-%DD', 'fmp4', now)).toBe('2026-03-04.mp4');
  });

  it('replaces characters a file system refuses, and falls back to the default pattern when nothing is left', () => {
    expect(previewFileName('a/b:c', 'mkv', now)).toBe('a_b_c.mkv');
    expect(previewFileName('  ', 'mkv', now)).toBe('2026-03-04 05-06-07.mkv');
    expect(previewFileName('show. ', 'mkv', now)).toBe('show.mkv');
  });
});

describe('recording numbers', () => {
  it('writes elapsed time as HH:MM:SS beside the size', () => {
    expect(progressText({ durationMs: 3_723_400, bytes: 5 * 1024 * 1024 })).toBe('01:02:03 · 5.00 MB');
    expect(progressText({ durationMs: 0, bytes: 0 })).toBe('00:00:00 · 0 B');
  });

  it('says nothing about free space it does not know', () => {
    expect(freeText(null)).toBeNull();
    expect(freeText(2 * 1024 ** 3)).toBe('2.00 GB free where the file is written');
  });

  it('takes whole megabytes from 0 only', () => {
    expect(parseMinFreeMb(' 500 ')).toBe(500);
    expect(parseMinFreeMb('0')).toBe(0);
    for (const bad of ['', '-1', '1.5', 'x', '1e3', '999999999']) expect(parseMinFreeMb(bad)).toBeNull();
  });
});

describe('shortenPath', () => {
  it('keeps short paths whole', () => {
    expect(shortenPath('/tmp/a.mkv')).toBe('/tmp/a.mkv');
  });

  it('cuts long paths from the left at a separator, always keeping the file name', () => {
    const p = '/home/someone/Videos/studio/recordings/2026-03-04 05-06-07.mkv';
    const short = shortenPath(p, 48);
    expect(short).toBe('…/studio/recordings/2026-03-04 05-06-07.mkv');
    expect(short.length).toBeLessThanOrEqual(48);
    expect(shortenPath('C:\\Users\\someone\\Videos\\recordings\\show.mkv', 24)).toBe('…\\recordings\\show.mkv');
  });

  it('keeps the end of a file name longer than the room', () => {
    const short = shortenPath(`/x/${'a'.repeat(60)}.mkv`, 20);
    expect(short).toHaveLength(20);
    expect(short.endsWith('aaa.mkv')).toBe(true);
    expect(short.startsWith('…')).toBe(true);
  });
});
