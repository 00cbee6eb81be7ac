/**
 * What a whole-part replacement of the document (another scene collection or profile loaded) tells
 * the clients that follow fine-grained events: the scenes and inputs that went and came (as an undo
 * does), the program and preview scenes, studio mode, and video settings.
 */
import type { StudioDocument, StudioEvent } from '../../shared';
import { restoreEvents } from './history';

/** The collection half of the document: what a scene collection file holds. */
export type CollectionDocumentPart = Pick<StudioDocument, 'scenes' | 'inputs' | 'currentSceneUuid' | 'studioMode' | 'previewSceneUuid' | 'canvases'>;
/** The profile half: video, output, destinations, webhooks, watermark (absent = off). */
export type ProfileDocumentPart = Pick<StudioDocument, 'video' | 'output' | 'destinations' | 'webhooks' | 'watermark'>;
export type DocumentPart = CollectionDocumentPart | ProfileDocumentPart;

/**
 * Fields of each half that may be absent (absent = off / a cut). A replacement without one must
 * remove the old half's, or the previous collection's transition (profile's watermark) would linger.
 */
export function optionalKeys(part: DocumentPart): string[] {
  return 'scenes' in part ? ['transition', 'canvases'] : ['watermark'];
}

export function replaceEvents(before: StudioDocument, after: StudioDocument): StudioEvent[] {
  const events = restoreEvents(before, after);
  // The same uuid in both collections (a duplicate loaded over its original) is still another
  // scene's content: its items are announced through document.changed, which every mirror follows.
  if (before.studioMode !== after.studioMode) events.push({ type: 'studio.modeChanged', data: { enabled: after.studioMode } });
  if (before.previewSceneUuid !== after.previewSceneUuid) {
    const scene = after.scenes.find((s) => s.uuid === after.previewSceneUuid);
    if (scene) events.push({ type: 'scene.previewChanged', data: { sceneUuid: scene.uuid, sceneName: scene.name } });
  }
  if (JSON.stringify(before.video) !== JSON.stringify(after.video)) events.push({ type: 'video.changed', data: {} });
  return events;
}
