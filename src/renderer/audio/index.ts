export { createAudioGraph, type AudioGraph } from './graph';
export { InputAudio, TONE_DBFS } from './inputs';
export { AudioSender } from './sender';
export { LevelReporter } from './levels';
export { CHUNK_FRAMES, interleaveS16 } from './pcm';
