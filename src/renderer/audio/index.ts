export { createAudioGraph, type AudioGraph } from './graph';
export { Mixer, activeInputs, mixerState, type StripView } from './mixer';
export { MonitorOutput, type MonitorStatus } from './monitor';
export { TONE_DBFS } from './tone';
export { AudioSender } from './sender';
export { LevelReporter } from './levels';
export { CHUNK_FRAMES, interleaveS16 } from './pcm';
