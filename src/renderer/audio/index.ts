export { createAudioGraph, TONE_DBFS, TONE_HZ, type AudioGraph } from './graph';
export { InputAudio } from './inputs';
export { AudioSender } from './sender';
export { LevelReporter } from './levels';
export { CHUNK_FRAMES, interleaveS16 } from './pcm';
