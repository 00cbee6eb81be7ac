/** The desktop host's preload bridge (window.studio), given the ClientBridge extras. */
import type { StudioBridge } from '../../shared';
import type { ClientBridge } from './types';

export function desktopBridge(studio: StudioBridge): ClientBridge {
  return {
    host: studio.host,
    invoke: (type, args) => studio.invoke(type, args),
    subscribe: (listener) => studio.subscribe(listener),
    sendFrame: (message) => studio.sendFrame(message),
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
