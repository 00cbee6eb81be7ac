/** Local recording: where the file goes, whether there is room, the recorder itself, and the MP4 copy after. */
export { Recorder, recorderBufferBytes, BUFFER_SECONDS, type RecorderOptions, type RecorderStatus } from './recorder';
export { recordingPath, expandPattern, safeFileName, extensionOf, DEFAULT_PATTERN } from './file-name';
export { freeBytesAt, checkFreeSpace, MB } from './disk-space';
export { remuxToMp4, type RemuxOptions } from './remux';
export { trimTornTail, type Repair } from './repair';
