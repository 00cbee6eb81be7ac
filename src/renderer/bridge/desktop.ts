/**
 * The desktop host's preload bridge (window.studio), given the ClientBridge extras.
 *
 * Frames go on the page's frame port once it has come (FRAME_PORT_MESSAGE, see src/main/ipc.ts):
 * posted from here, they skip contextBridge, which serializes and deserializes every ArrayBuffer
 * that crosses it (two copies per frame). They are cloned, not transferred: Electron's main
 * process cannot read a transferred ArrayBuffer (MessagePortMain hands it over as null, electron
 * issue #34905), so the producers keep reusing their buffers. Until the port comes, and where
 * there is none, frames take the preload's sendFrame (IPC).
 */
import { FRAME_PORT_MESSAGE, type StudioBridge } from '../../shared';
import type { ClientBridge } from './types';

/** The part of a MessagePort the bridge posts frames on. */
export interface FramePort {
  postMessage(message: ArrayBuffer): void;
}

/** Where the preload posts the port: the page's window. */
export interface PortWindow {
  addEventListener(type: 'message', listener: (event: { source: unknown; data: unknown; ports: readonly unknown[] }) => void): void;
  removeEventListener(type: 'message', listener: (event: { source: unknown; data: unknown; ports: readonly unknown[] }) => void): void;
}

export function desktopBridge(studio: StudioBridge, win: PortWindow | null = typeof window === 'undefined' ? null : (window as unknown as PortWindow)): ClientBridge {
  let port: FramePort | null = null;
  if (win && studio.requestFramePort) {
    // Only the preload's message to this window, once: listening starts before asking.
    const onMessage = (event: { source: unknown; data: unknown; ports: readonly unknown[] }): void => {
      const given = event.ports[0] as FramePort | undefined;
      if (event.source !== win || event.data !== FRAME_PORT_MESSAGE || !given) return;
      port = given;
      win.removeEventListener('message', onMessage);
    };
    win.addEventListener('message', onMessage);
    studio.requestFramePort();
  }
  return {
    host: studio.host,
    invoke: (type, args) => studio.invoke(type, args),
    subscribe: (listener) => studio.subscribe(listener),
    sendFrame: (message) => (port ? port.postMessage(message) : studio.sendFrame(message)),
    onFrameAck: (listener) => studio.onFrameAck(listener),
    reportStats: (stats) => studio.reportStats(stats),
    mediaUrl: (path) => studio.mediaUrl(path),
    // The main process opens its own file dialog; the page never names a path.
    ...(studio.chooseFfmpeg && { chooseFfmpeg: () => studio.chooseFfmpeg!() }),
    // A browser source's sound: main answers the next getDisplayMedia with that page (main/display-media.ts).
    ...(studio.browserSourceAudio && { browserSourceAudio: (inputUuid: string) => studio.browserSourceAudio!(inputUuid) }),
    onConnection(listener) {
      // IPC to the main process cannot drop while the window lives.
      listener(true);
      return () => {};
    },
    connected: true,
    dispose() {},
  };
}
