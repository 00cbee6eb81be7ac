/**
 * renderer.warning end to end inside the engine: the output owner's warnings become warning
 * notices (once a minute for the same text, fake clock), another renderer's are not kept, bad
 * messages are refused, and nobody but a renderer session may send one.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RENDERER_WARNING_MAX_CHARS, Status, type StudioEvent } from '../shared';
import type { Disposable, Studio } from './api';
import { RendererWarnings, WARNING_REPEAT_MS } from './renderer-warnings';
import { createStudio } from './studio';
import { FakeClock } from './testing/fake-clock';
import { RendererSessions } from './testing/renderer-sessions';

const RESOURCES = path.resolve(import.meta.dirname, '../../resources');
const LUT = 'Compositor: the LUT "/show/looks/warm.cube" cannot be used: its LUT_3D_SIZE line is missing.';

describe('RendererWarnings', () => {
  it('shows a text once a minute at most, and forgets the oldest of many', () => {
    const clock = new FakeClock();
    const shown: string[] = [];
    const warnings = new RendererWarnings(clock, (m) => shown.push(m));
    warnings.report('a');
    warnings.report('a');
    warnings.report('b');
    clock.advance(WARNING_REPEAT_MS - 1);
    warnings.report('a');
    expect(shown).toEqual(['a', 'b']);
    clock.advance(1);
    warnings.report('a');
    expect(shown).toEqual(['a', 'b', 'a']);
    // 200 other texts later, 'b' is forgotten and shown again even within the minute.
    for (let i = 0; i < 200; i++) warnings.report(`other ${i}`);
    warnings.report('b');
    expect(shown.at(-1)).toBe('b');
    expect(shown).toHaveLength(3 + 200 + 1);
  });
});

describe('renderer.warning', () => {
  let dir: string;
  let studio: Studio;
  let notices: Extract<StudioEvent, { type: 'notice' }>['data'][];
  const renderers = new RendererSessions(() => studio);
  let off: Disposable;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'bs-renderer-warning-'));
    studio = await createStudio({ dataDir: dir, resourcesDir: RESOURCES, clock: new FakeClock() });
    notices = [];
    off = studio.subscribe((e) => {
      if (e.type === 'notice') notices.push(e.data);
    });
  });

  afterEach(async () => {
    off.dispose();
    renderers.disposeAll();
    await studio.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it("shows the output owner's warning as a notice, once, and keeps no other renderer's", async () => {
    const owner = await renderers.claim('primary');
    const other = await renderers.claim('secondary');
    expect(await other.call('renderer.warning', { message: 'Compositor: only the preview window saw this.' })).toEqual({ ok: true, value: { kept: false } });
    expect(await owner.call('renderer.warning', { message: LUT })).toEqual({ ok: true, value: { kept: true } });
    // A page that loads again tells it again: still one notice.
    expect(await owner.call('renderer.warning', { message: LUT })).toEqual({ ok: true, value: { kept: true } });
    expect(notices).toEqual([{ level: 'warning', message: LUT }]);
  });

  it('turns control characters into spaces and refuses empty or oversized messages', async () => {
    const owner = await renderers.claim('primary');
    await owner.call('renderer.warning', { message: 'Compositor: the image "/tmp/a\nb\u0007.png" could not be loaded.' });
    expect(notices).toEqual([{ level: 'warning', message: 'Compositor: the image "/tmp/a b .png" could not be loaded.' }]);
    for (const message of ['', '   ', 'x'.repeat(RENDERER_WARNING_MAX_CHARS + 1), 42]) {
      const result = await owner.call('renderer.warning', { message } as never);
      expect(result).toMatchObject({ ok: false, error: { code: Status.InvalidRequestField, field: 'message' } });
    }
    expect(notices).toHaveLength(1);
  });

  it('is refused from anything but a renderer session', async () => {
    const result = await studio.execute('renderer.warning', { message: LUT });
    expect(result).toMatchObject({ ok: false, error: { code: Status.InvalidRequestField } });
    expect(notices).toEqual([]);
  });
});
