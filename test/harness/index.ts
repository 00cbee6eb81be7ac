/** Test harness: real servers and real tools for the integration and e2e tests. */
export { startNginxRtmp, RTMP_MODULE, type NginxRtmp, type NginxRtmpOptions } from './nginx-rtmp';
export { ffprobeJson, grabFrameRgb, grabAudioPcm, toneStrength, type ProbeResult, type ProbeStream } from './ffprobe';
export { freePort, waitForPort } from './ports';
export { makeNv12Frame, rects, rgbToYuv709, type Rect, type Rgb } from './nv12';
export { listFfmpegChildren, listFfmpegProcesses, listProcessesMatching, type ProcInfo } from './procs';
export { videoMessage, audioMessage, tone } from './frames';
export { measureAudio, tail, channel, withoutGaps, type AudioMeasure } from './audio';
