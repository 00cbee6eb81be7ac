/**
 * Browser sources in the engine: settings refused at the boundary with what to change, which pages
 * run (shutdown when hidden, restart when active), frames relayed and replayed, refresh. The backend
 * here records calls; the real ones are tested on Chromium (test/integration/browser-host.test.ts)
 * and on the fake Electron (src/main/browser-source.test.ts).
 */
import { describe, expect, it } from 'vitest';
import type { Input, StudioDocument, StudioEvent } from '../../shared';
import { blankDocument } from '../document/defaults';
import { KindRegistry } from '../kinds/registry';
import type { BrowserPageListener, BrowserPageSpec, BrowserSourceBackend } from './backend';
import { BrowserSources, pageSpec } from './sources';

let ids = 0;
const createDefaultDocument = (): StudioDocument => blankDocument(() => `id-${++ids}`);

const kinds = new KindRegistry();

describe('browser_source settings', () => {
  const check = (settings: Record<string, unknown>) => kinds.validateSettings('browser_source', settings);
  it("takes OBS's defaults and ordinary addresses", () => {
    const ok = check({ url: 'https://example.com/overlay', width: 1280, height: 720 });
    expect(ok.ok && ok.value).toMatchObject({ url: 'https://example.com/overlay', width: 1280, height: 720, fps: 30, shutdown: false });
    expect(check({ url: 'data:text/html,<b>hi</b>' }).ok).toBe(true);
    expect(check({ is_local_file: true, local_file: '/srv/overlay/index.html' }).ok).toBe(true);
  });
  it('refuses a zero size, file:// and javascript: URLs, other schemes and relative local files, naming the field', () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ width: 0 }, 'settings.width', /Width must be between 1 and 4096/],
      [{ height: 99999 }, 'settings.height', /Height must be between 1 and 4096/],
      [{ url: 'file:///etc/passwd' }, 'settings.url', /turn on "Local file"/],
      [{ url: 'javascript:alert(1)' }, 'settings.url', /"javascript:" scheme/],
      [{ url: 'chrome://settings' }, 'settings.url', /"chrome:" scheme/],
      [{ url: 'not a url' }, 'settings.url', /not a valid address/],
      [{ url: 'about:config' }, 'settings.url', /about:blank/],
      [{ is_local_file: true, local_file: 'overlay/index.html' }, 'settings.local_file', /absolute path/],
      [{ fps: 0 }, 'settings.fps', /FPS must be between 1 and 60/],
    ];
    for (const [settings, field, message] of cases) {
      const r = check(settings);
      expect(r.ok, JSON.stringify(settings)).toBe(false);
      if (!r.ok) {
        expect(r.error.field).toBe(field);
        expect(r.error.message).toMatch(message);
      }
    }
  });
  it('a local file becomes a file: URL and the URL setting is then not used', () => {
    const input = { kind: 'browser_source', settings: { ...kinds.get('browser_source')!.defaults, is_local_file: true, local_file: '/srv/my show/a#b.html' } } as unknown as Input;
    const spec = pageSpec(input, createDefaultDocument());
    expect(spec?.url).toBe('file:///srv/my%20show/a%23b.html');
    expect(spec?.localFile).toBe('/srv/my show/a#b.html');
  });
});

interface Call {
  op: 'open' | 'update' | 'reload' | 'close';
  id: string;
  spec?: BrowserPageSpec;
}

function rig() {
  const calls: Call[] = [];
  const listeners = new Map<string, BrowserPageListener>();
  const backend: BrowserSourceBackend = {
    open(id, spec, listener) {
      calls.push({ op: 'open', id, spec });
      listeners.set(id, listener);
      return {
        update: (s) => calls.push({ op: 'update', id, spec: s }),
        reload: () => calls.push({ op: 'reload', id }),
        close: async () => {
          calls.push({ op: 'close', id });
        },
      };
    },
    dispose: async () => {},
  };
  const events: StudioEvent[] = [];
  let doc = createDefaultDocument();
  const sources = new BrowserSources({ backend, document: () => doc, emit: (e) => events.push(e) });
  const set = (next: StudioDocument): void => {
    doc = next;
    sources.sync(doc);
  };
  return { calls, listeners, events, sources, doc: () => doc, set };
}

function withBrowser(doc: StudioDocument, settings: Record<string, unknown>, shown: boolean): StudioDocument {
  const input: Input = {
    uuid: 'b1',
    name: 'Overlay',
    kind: 'browser_source',
    settings: { ...kinds.get('browser_source')!.defaults, url: 'https://example.com/', ...settings },
    filters: [],
  } as unknown as Input;
  const scene = doc.scenes.find((s) => s.uuid === doc.currentSceneUuid)!;
  const item = { sceneItemId: 99, sourceUuid: 'b1', enabled: shown, locked: false, transform: {} };
  return {
    ...doc,
    inputs: [...doc.inputs.filter((i) => i.uuid !== 'b1'), input],
    scenes: doc.scenes.map((s) => (s === scene ? { ...s, items: [...s.items.filter((i) => i.sourceUuid !== 'b1'), item as never] } : s)),
  };
}

describe('BrowserSources', () => {
  it('runs a page per input, updates it on new settings and closes it when the input goes', () => {
    const r = rig();
    r.set(withBrowser(r.doc(), { width: 640, height: 360 }, false));
    expect(r.calls).toEqual([{ op: 'open', id: 'b1', spec: expect.objectContaining({ url: 'https://example.com/', width: 640, height: 360 }) }]);
    r.set(withBrowser(r.doc(), { width: 640, height: 360 }, false));
    expect(r.calls).toHaveLength(1);
    r.set(withBrowser(r.doc(), { width: 1280, height: 720, css: 'p{}' }, false));
    expect(r.calls[1]).toMatchObject({ op: 'update', spec: { width: 1280, height: 720, css: 'p{}' } });
    r.set({ ...r.doc(), inputs: r.doc().inputs.filter((i) => i.uuid !== 'b1') });
    expect(r.calls[2]).toEqual({ op: 'close', id: 'b1' });
  });

  it('with shutdown, runs the page only while program shows it; restart_when_active reloads it on entry', () => {
    const r = rig();
    r.set(withBrowser(r.doc(), { shutdown: true, restart_when_active: true }, false));
    expect(r.calls).toEqual([]);
    r.set(withBrowser(r.doc(), { shutdown: true, restart_when_active: true }, true));
    expect(r.calls.map((c) => c.op)).toEqual(['open', 'reload']);
    r.listeners.get('b1')!.frame({ width: 2, height: 2, mime: 'image/png', data: 'AAAA', capturedAt: null });
    r.set(withBrowser(r.doc(), { shutdown: true, restart_when_active: true }, false));
    expect(r.calls.map((c) => c.op)).toEqual(['open', 'reload', 'close']);
    // Its last picture goes with it, in every renderer.
    expect(r.events.at(-1)).toEqual({ type: 'browser.frame', data: { inputUuid: 'b1', seq: 0, width: 0, height: 0, mime: 'image/png', data: '', capturedAt: null } });
    expect(r.sources.replay()).toEqual([]);
  });

  it('relays frames as browser.frame events, replays the newest, and clears a problem when a picture comes', () => {
    const r = rig();
    r.set(withBrowser(r.doc(), {}, true));
    const listener = r.listeners.get('b1')!;
    listener.problem('the page could not be loaded (net::ERR_NAME_NOT_RESOLVED)');
    listener.frame({ width: 2, height: 2, mime: 'image/png', data: 'AAAA', capturedAt: null });
    listener.frame({ width: 2, height: 2, mime: 'image/png', data: 'BBBB', capturedAt: 1000 });
    const types = r.events.map((e) => e.type);
    expect(types).toEqual(['browser.problem', 'browser.problem', 'browser.frame', 'browser.frame']);
    expect(r.events[1]).toEqual({ type: 'browser.problem', data: { inputUuid: 'b1', problem: null } });
    expect(r.sources.replay()).toEqual([{ type: 'browser.frame', data: { inputUuid: 'b1', seq: 2, width: 2, height: 2, mime: 'image/png', data: 'BBBB', capturedAt: 1000 } }]);
  });

  it("presses refreshnocache (OBS's button) and refuses other buttons and inputs clearly", () => {
    const r = rig();
    r.set(withBrowser(r.doc(), {}, true));
    expect(r.sources.press({ inputUuid: 'b1', propertyName: 'refreshnocache' })).toEqual({ ok: true, value: null });
    expect(r.calls.at(-1)).toEqual({ op: 'reload', id: 'b1' });
    const other = r.sources.press({ inputUuid: 'b1', propertyName: 'explode' });
    expect(!other.ok && other.error.message).toMatch(/has no button called "explode"/);
    const missing = r.sources.press({ inputUuid: 'nope', propertyName: 'refreshnocache' });
    expect(!missing.ok && missing.error.message).toMatch(/no input with uuid nope/);
  });

  it('relays sound only with reroute_audio on, live (never replayed), and only from the running page', () => {
    const r = rig();
    r.set(withBrowser(r.doc(), { reroute_audio: true }, true));
    expect(r.calls[0]?.spec?.audio).toBe(true);
    const first = r.listeners.get('b1')!;
    first.audio!(Buffer.from([1, 0, 2, 0]), 5000.5);
    first.audio!(Buffer.from([3, 0, 4, 0]), null);
    expect(r.events.filter((e) => e.type === 'browser.audio')).toEqual([
      { type: 'browser.audio', data: { inputUuid: 'b1', seq: 1, data: Buffer.from([1, 0, 2, 0]).toString('base64'), capturedAt: 5000.5 } },
      { type: 'browser.audio', data: { inputUuid: 'b1', seq: 2, data: Buffer.from([3, 0, 4, 0]).toString('base64'), capturedAt: null } },
    ]);
    expect(r.sources.replay().some((e) => e.type === 'browser.audio')).toBe(false);
    // Off: the page is told (it stops capturing) and anything still in flight is dropped.
    r.set(withBrowser(r.doc(), { reroute_audio: false }, true));
    expect(r.calls.at(-1)).toMatchObject({ op: 'update', spec: { audio: false } });
    first.audio!(Buffer.from([5, 0, 6, 0]), null);
    expect(r.events.filter((e) => e.type === 'browser.audio')).toHaveLength(2);
    // A closed page's late chunk is not the new page's sound.
    r.set({ ...r.doc(), inputs: r.doc().inputs.filter((i) => i.uuid !== 'b1') });
    r.set(withBrowser(r.doc(), { reroute_audio: true }, true));
    first.audio!(Buffer.from([7, 0, 8, 0]), null);
    expect(r.events.filter((e) => e.type === 'browser.audio')).toHaveLength(2);
    r.listeners.get('b1')!.audio!(Buffer.from([9, 0, 9, 0]), null);
    expect(r.events.at(-1)).toMatchObject({ type: 'browser.audio', data: { inputUuid: 'b1', seq: 1 } });
  });

  it('without a backend, the source says why it shows nothing', () => {
    const events: StudioEvent[] = [];
    const doc = withBrowser(createDefaultDocument(), {}, true);
    new BrowserSources({ backend: null, document: () => doc, emit: (e) => events.push(e) }).sync(doc);
    expect(events).toEqual([{ type: 'browser.problem', data: { inputUuid: 'b1', problem: 'this studio has no browser to run web pages in' } }]);
  });
});
