import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const getSources = vi.fn();
vi.mock('electron', () => ({ desktopCapturer: { getSources } }));
const { chooseSource, installDisplayMediaHandler } = await import('./display-media');

const sources = [
  { id: 'window:1:0', name: 'Editor' },
  { id: 'screen:0:0', name: 'Entire screen' },
  { id: 'screen:1:0', name: 'Screen 2' },
];

describe('chooseSource', () => {
  it('finds the remembered source by id, then by name, else the first screen', () => {
    expect(chooseSource(sources, { id: 'screen:1:0', name: 'x' })?.name).toBe('Screen 2');
    expect(chooseSource(sources, { id: 'window:9:0', name: 'Editor' })?.id).toBe('window:1:0');
    expect(chooseSource(sources, { id: 'gone', name: 'gone' })?.id).toBe('screen:0:0');
    expect(chooseSource(sources, null)?.id).toBe('screen:0:0');
    expect(chooseSource([], null)).toBeNull();
  });
});

describe('installDisplayMediaHandler', () => {
  it("refuses at once, without asking for sources, when the system's privacy settings refuse the screen; captures otherwise", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'display-media-'));
    try {
      type Handler = (request: { frame: { url: string } | null; securityOrigin: string; audioRequested: boolean }, callback: (r: object) => void) => void;
      let handler: Handler | null = null;
      const ses = { setDisplayMediaRequestHandler: (h: Handler) => (handler = h) };
      let refused = true;
      const warnings: string[] = [];
      installDisplayMediaHandler(ses as never, { dataDir, ours: () => true, logger: { log: (_l, m) => warnings.push(m) }, screenRefused: () => refused });
      const ask = (): Promise<object> => new Promise((resolve) => handler!({ frame: { url: 'file:///studio' }, securityOrigin: 'file://', audioRequested: false }, resolve));

      expect(await ask()).toEqual({});
      expect(getSources).not.toHaveBeenCalled();
      expect(warnings).toContain('screen capture is refused by the system privacy settings');

      refused = false;
      getSources.mockResolvedValue(sources);
      expect(await ask()).toMatchObject({ video: { id: 'screen:0:0' } });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
