import { create } from 'zustand';
import { useStudio } from '../../stores/context';
import { Modal } from '../layout/Modal';
import { FiltersSection } from '../properties/FiltersSection';

/** Which scene's filters the dialog shows (opened from the scene's context menu), or none. */
const useSceneFiltersFor = create<{ sceneUuid: string | null }>(() => ({ sceneUuid: null }));

export const openSceneFilters = (sceneUuid: string): void => useSceneFiltersFor.setState({ sceneUuid });
const close = (): void => useSceneFiltersFor.setState({ sceneUuid: null });

/**
 * A scene's filters (OBS: a scene is a source, and its filters apply to the composed scene): the
 * Properties dock's Filters section for the scene, in a dialog. Mounted once by the Scenes dock.
 */
export function SceneFiltersDialog() {
  const sceneUuid = useSceneFiltersFor((s) => s.sceneUuid);
  const scene = useStudio((s) => s.document?.scenes.find((x) => x.uuid === sceneUuid));
  if (!sceneUuid || !scene) return null;
  return (
    <Modal title={`Filters: ${scene.name}`} onClose={close}>
      <FiltersSection key={scene.uuid} sourceUuid={scene.uuid} filters={scene.filters} video audio={false} />
    </Modal>
  );
}
