/** The built-in source kinds, registered once. */
import { audioInputSource } from './audio-input';
import { audioOutputCaptureSource } from './audio-output-capture';
import { browserSource } from './browser';
import { colorSource } from './color';
import { countdownSource } from './countdown';
import { imageSource } from './image';
import { mediaSource } from './media-switch';
import { cameraSource } from './camera';
import { displayCaptureSource, windowCaptureSource } from './screen';
import { slideshowSource } from './slideshow';
import { lowerThirdSource } from './lower-third';
import { registerSource } from './registry';
import { scoreboardSource } from './scoreboard';
import { testPatternSource } from './test-pattern';
import { testToneSource } from './test-tone';
import { textSource } from './text';

export { registerSource, sourceKind, registeredSourceKinds } from './registry';
export type { Draw, FrameInfo, SourceAudioPort, SourceContext, SourceInfo, SourceKind, SourceRuntime } from './types';

let done = false;
export function registerBuiltinSources(): void {
  if (done) return;
  done = true;
  for (const k of [colorSource, imageSource, textSource, testPatternSource, testToneSource]) registerSource(k);
  registerSource(lowerThirdSource);
  registerSource(scoreboardSource);
  registerSource(countdownSource);
  registerSource(mediaSource);
  registerSource(cameraSource);
  registerSource(displayCaptureSource);
  registerSource(windowCaptureSource);
  registerSource(slideshowSource);
  registerSource(audioInputSource);
  registerSource(audioOutputCaptureSource);
  registerSource(browserSource);
}
