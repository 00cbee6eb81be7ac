/** What a studio starts from when nothing is saved, or when a saved part cannot be used. */
import type { EncoderSettings, OutputSettings, RecordingSettings, Scene, StudioDocument, VideoSettings } from '../../shared';
import { DEFAULT_RECORDING, DEFAULT_SCREENSHOTS } from './schemas';

export const DEFAULT_VIDEO: VideoSettings = {
  baseWidth: 1280,
  baseHeight: 720,
  outputWidth: 1280,
  outputHeight: 720,
  fpsNumerator: 30,
  fpsDenominator: 1,
};

export const DEFAULT_ENCODER: EncoderSettings = {
  encoder: 'auto',
  rateControl: 'CBR',
  bitrateKbps: 2500,
  keyframeIntervalSec: 2,
  preset: 'veryfast',
  profile: 'main',
  bFrames: 0,
  audioBitrateKbps: 160,
};

export const DEFAULT_RECORDING_SETTINGS: RecordingSettings = { ...DEFAULT_RECORDING, tracks: [1] };

export const DEFAULT_OUTPUT: OutputSettings = {
  encoder: DEFAULT_ENCODER,
  ffmpegPath: '',
  recording: DEFAULT_RECORDING_SETTINGS,
  uplinkKbps: 0,
  templates: [],
  screenshots: { ...DEFAULT_SCREENSHOTS },
};

export const emptyScene = (uuid: string, name: string): Scene => ({ uuid, name, items: [], nextItemId: 1, filters: [] });

/** OBS's fresh collection: one empty scene called "Scene". */
export function blankDocument(newId: () => string): StudioDocument {
  const scene = emptyScene(newId(), 'Scene');
  return {
    version: 1,
    revision: 0,
    scenes: [scene],
    inputs: [],
    currentSceneUuid: scene.uuid,
    studioMode: false,
    previewSceneUuid: scene.uuid,
    video: { ...DEFAULT_VIDEO },
    output: structuredClone(DEFAULT_OUTPUT),
    destinations: [],
    webhooks: [],
    hotkeys: [],
    remoteControl: { tls: false, allowedOrigins: [] },
  };
}
