/**
 * The first-launch collection: one scene that shows at once that frames flow (a test pattern with
 * a running clock), that text renders (an outlined title) and that images load (a watermark).
 * Sizes follow the canvas so the demo looks the same at any base resolution.
 */
import path from 'node:path';
import {
  DEFAULT_TRANSFORM,
  IMAGE_SOURCE,
  MIXER_DEFAULTS,
  TEST_PATTERN,
  TEXT_SOURCE,
  type Input,
  type Scene,
  type SceneItem,
  type Settings,
  type Transform,
  type VideoSettings,
} from '../../shared';
import type { KindRegistry } from '../kinds/registry';

export const DEMO_SCENE_NAME = 'Demo';
/** Pixel size of resources/demo/watermark.png. */
const WATERMARK_WIDTH = 200;

export interface DemoCollection {
  scenes: Scene[];
  inputs: Input[];
  currentSceneUuid: string;
  studioMode: boolean;
  previewSceneUuid: string;
}

export function demoCollection(
  video: VideoSettings,
  resourcesDir: string,
  kinds: KindRegistry,
  newId: () => string,
): DemoCollection {
  const w = video.baseWidth;
  const h = video.baseHeight;
  const margin = Math.round(h * 0.04);
  const parts: { name: string; kind: string; settings: Settings; transform: Partial<Transform> }[] = [
    {
      name: 'Test Pattern',
      kind: TEST_PATTERN.id,
      settings: { width: w, height: h, show_clock: true, show_counter: true },
      transform: {},
    },
    {
      name: 'Title',
      kind: TEXT_SOURCE.id,
      settings: {
        text: 'Broadcast Studio',
        font: { face: 'Sans Serif', size: Math.round(h / 9), style: 'Bold', flags: 1 },
        color1: 0xffffffff,
        outline: true,
        outline_color: 0xff000000,
        outline_size: Math.max(2, Math.round(h / 180)),
      },
      // Top centre (alignment 4): the title stays centred whatever its rendered width.
      transform: { positionX: w / 2, positionY: Math.round(h * 0.08), alignment: 4 },
    },
    {
      name: 'Watermark',
      kind: IMAGE_SOURCE.id,
      settings: { file: path.resolve(resourcesDir, 'demo', 'watermark.png') },
      // Bottom right (alignment 8 | 2), about a ninth of the canvas wide.
      transform: {
        positionX: w - margin,
        positionY: h - margin,
        alignment: 10,
        scaleX: round2((w * 0.11) / WATERMARK_WIDTH),
        scaleY: round2((w * 0.11) / WATERMARK_WIDTH),
      },
    },
  ];

  const inputs: Input[] = [];
  const items: SceneItem[] = [];
  for (const p of parts) {
    // Through the kind registry, like any input, so the demo can never hold settings a kind rejects.
    const settings = kinds.validateSettings(p.kind, p.settings);
    if (!settings.ok) throw new Error(`Demo input ${p.name} is invalid: ${settings.error.message}`);
    const input: Input = { uuid: newId(), name: p.name, kind: p.kind, settings: settings.value, muted: false, volumeMul: 1, filters: [], ...MIXER_DEFAULTS, audioTracks: [...MIXER_DEFAULTS.audioTracks] };
    inputs.push(input);
    items.push({
      sceneItemId: items.length + 1,
      sourceUuid: input.uuid,
      enabled: true,
      locked: false,
      transform: { ...DEFAULT_TRANSFORM, ...p.transform },
    });
  }
  const scene: Scene = { uuid: newId(), name: DEMO_SCENE_NAME, items, nextItemId: items.length + 1, filters: [] };
  return { scenes: [scene], inputs, currentSceneUuid: scene.uuid, studioMode: false, previewSceneUuid: scene.uuid };
}

const round2 = (n: number) => Math.round(n * 100) / 100;
