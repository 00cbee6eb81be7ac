/**
 * Choosing FFmpeg in the desktop app: the page can only ask for the main process's own file
 * dialog; the path comes from the user's pick, and nothing changes when they cancel or when an
 * untrusted sender asks.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IpcChannel, Status, ok } from '../shared';
import type { Studio } from '../engine/api';
import { bindFfmpegChooser } from './ffmpeg-chooser';
import { FakeBrowserWindow, fakeElectron } from './testing/fake-electron';

vi.mock('electron', async () => (await import('./testing/fake-electron')).fakeElectron);

let executed: Array<[string, unknown]>;
let trusted: boolean;
const studio = {
  execute: (type: string, args: unknown) => {
    executed.push([type, args]);
    return Promise.resolve(ok(null));
  },
} as unknown as Studio;

beforeEach(() => {
  fakeElectron.reset();
  executed = [];
  trusted = true;
});

function bind(win = new FakeBrowserWindow({})) {
  const binding = bindFfmpegChooser({ studio, logger: { log: () => {} }, trusted: () => trusted, window: () => win as never });
  return { win, binding, ask: (...args: unknown[]) => fakeElectron.ipcMain.invoke(IpcChannel.chooseFfmpeg, {}, ...args) };
}

describe('bindFfmpegChooser', () => {
  it('sets the path the user picks in the dialog, attached to our window', async () => {
    const { win, ask } = bind();
    fakeElectron.dialog.answer = { canceled: false, filePaths: ['/opt/ffmpeg/bin/ffmpeg'] };
    expect(await ask()).toEqual(ok({ ffmpegPath: '/opt/ffmpeg/bin/ffmpeg' }));
    expect(executed).toEqual([['output.setFfmpegPath', { ffmpegPath: '/opt/ffmpeg/bin/ffmpeg' }]]);
    expect(fakeElectron.dialog.calls).toHaveLength(1);
    expect(fakeElectron.dialog.calls[0]!.window).toBe(win);
    expect(fakeElectron.dialog.calls[0]!.options['properties']).toContain('openFile');
  });

  it('ignores whatever the page sends along: only the dialog names the program', async () => {
    const { ask } = bind();
    fakeElectron.dialog.answer = { canceled: false, filePaths: ['/usr/bin/ffmpeg'] };
    await ask('/tmp/evil.sh', { ffmpegPath: '/tmp/evil.sh' });
    expect(executed).toEqual([['output.setFfmpegPath', { ffmpegPath: '/usr/bin/ffmpeg' }]]);
  });

  it('changes nothing when the user cancels', async () => {
    const { ask } = bind();
    expect(await ask()).toEqual(ok(null));
    expect(executed).toEqual([]);
  });

  it('opens no dialog for an untrusted sender', async () => {
    const { ask } = bind();
    trusted = false;
    const r = (await ask()) as { ok: boolean; error: { code: number } };
    expect(r.ok).toBe(false);
    expect(r.error.code).toBe(Status.NotReady);
    expect(fakeElectron.dialog.calls).toEqual([]);
    expect(executed).toEqual([]);
  });

  it('shows one dialog at a time, and is gone once disposed', async () => {
    const { ask, binding } = bind();
    let release!: (v: { canceled: boolean; filePaths: string[] }) => void;
    const spy = vi.spyOn(fakeElectron.dialog, 'showOpenDialog').mockImplementationOnce(() => new Promise((r) => (release = r)));
    const first = ask();
    const second = (await ask()) as { ok: boolean };
    expect(second.ok).toBe(false);
    release({ canceled: true, filePaths: [] });
    expect(await first).toEqual(ok(null));
    expect(spy).toHaveBeenCalledTimes(1);
    binding.dispose();
    await expect(ask()).rejects.toThrow(/No handler/);
  });
});
