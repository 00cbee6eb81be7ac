/**
 * Scenes and studio mode: loaded on connect, then kept by events (CurrentProgramSceneChanged,
 * SceneListChanged, …; the program scene is told when its transition has ended, as OBS does). Studio mode is shown only when the studio has it: GetStudioModeEnabled
 * answering, and SetStudioModeEnabled among its requests (or studio mode already on).
 */
import { requestMessage } from './errors';
import { parseScenes } from './parse';
import { serial } from './serial';
import type { Session } from './session';
import { showNotice, type RemoteState, type RemoteStore } from './store';

export function bindScenes(session: Session, store: RemoteStore): () => void {
  let stopped = false;

  const load = serial(async () => {
    try {
      const list = await session.call('GetSceneList');
      if (stopped) return;
      store.setState({
        scenes: parseScenes(list.scenes),
        program: list.currentProgramSceneName ?? null,
        preview: list.currentPreviewSceneName ?? null,
      });
    } catch (error) {
      if (!stopped) showNotice(store, requestMessage(error, 'Loading the scenes'));
    }
  });

  const loadStudioMode = async (): Promise<void> => {
    try {
      const { studioModeEnabled } = await session.call('GetStudioModeEnabled');
      if (stopped) return;
      const supported = studioModeEnabled || session.has('SetStudioModeEnabled');
      store.setState({ studioMode: { supported, enabled: studioModeEnabled } });
    } catch {
      if (!stopped) store.setState({ studioMode: { supported: false, enabled: false } });
    }
  };

  const rename = (oldName: string, name: string): void =>
    store.setState((s) => renameScene(s, oldName, name));

  const offs = [
    session.on('CurrentProgramSceneChanged', (d) => store.setState({ program: d.sceneName })),
    session.on('CurrentPreviewSceneChanged', (d) => store.setState({ preview: d.sceneName })),
    session.on('SceneListChanged', (d) => store.setState({ scenes: parseScenes(d.scenes) })),
    session.on('SceneCreated', () => void load()),
    session.on('SceneRemoved', () => void load()),
    session.on('SceneNameChanged', (d) => rename(d.oldSceneName, d.sceneName)),
    // Every transition ends with VideoEnded (a stinger's when its video has played out, which is when
    // the studio takes a new take again).
    session.on('SceneTransitionStarted', () => store.setState({ transitioning: true })),
    session.on('SceneTransitionVideoEnded', () => store.setState({ transitioning: false })),
    session.on('StudioModeStateChanged', (d) => {
      store.setState({ studioMode: { supported: true, enabled: d.studioModeEnabled } });
      void load(); // the preview scene comes and goes with studio mode
    }),
  ];

  void load();
  void loadStudioMode();
  return () => {
    stopped = true;
    for (const off of offs) off();
  };
}

/** A scene's new name everywhere the remote keeps it (list, program, preview, thumbnail). */
export function renameScene(s: RemoteState, oldName: string, name: string): Partial<RemoteState> {
  const thumbnails = { ...s.thumbnails };
  const thumb = thumbnails[oldName];
  delete thumbnails[oldName];
  if (thumb) thumbnails[name] = thumb;
  return {
    scenes: s.scenes.map((scene) => (scene.name === oldName ? { ...scene, name } : scene)),
    program: s.program === oldName ? name : s.program,
    preview: s.preview === oldName ? name : s.preview,
    thumbnails,
  };
}
