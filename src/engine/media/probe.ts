/**
 * ffprobe for media files the compositor is asked to play: what the file holds, and whether
 * Chromium's <video> can decode it. Chromium cannot tell us why a file fails (its MediaError says
 * "DEMUXER_ERROR_NO_SUPPORTED_STREAMS"), so the engine names the codec or container instead.
 * Plain child_process: args as an array, no shell, a timeout, bounded output.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export interface MediaInfo {
  /** ffprobe's format_name, e.g. "mov,mp4,m4a,3gp,3g2,mj2". */
  container: string;
  video: { codec: string; width: number; height: number } | null;
  audio: { codec: string } | null;
  durationMs: number | null;
}

/** What Chromium's <video> decodes on every machine (no proprietary hardware path needed). */
const VIDEO_CODECS = new Set(['h264', 'vp8', 'vp9', 'av1', 'theora']);
const AUDIO_CODECS = new Set(['aac', 'mp3', 'opus', 'vorbis', 'flac', 'pcm_s16le', 'pcm_s24le', 'pcm_u8', 'pcm_f32le', 'alac']);
/** ffprobe container names (any of the comma-separated aliases) Chromium demuxes. */
const CONTAINERS = new Set(['mov', 'mp4', 'm4a', 'matroska', 'webm', 'ogg', 'mp3', 'wav', 'flac', 'aac']);

/** ffprobe beside the FFmpeg the studio uses, else the one on PATH. */
export function ffprobeFor(ffmpegPath: string | null): string {
  if (ffmpegPath && path.isAbsolute(ffmpegPath)) {
    const beside = path.join(path.dirname(ffmpegPath), process.platform === 'win32' ? 'ffprobe.exe' : 'ffprobe');
    if (existsSync(beside)) return beside;
  }
  return 'ffprobe';
}

export function probeMedia(ffprobe: string, file: string, timeoutMs = 10_000): Promise<MediaInfo> {
  const args = ['-v', 'error', '-print_format', 'json', '-show_streams', '-show_format', '--', file];
  return new Promise((resolve, reject) => {
    execFile(ffprobe, args, { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 4 << 20 }, (error, stdout, stderr) => {
      if (error) {
        const why = String(stderr).trim().split('\n').pop() || error.message;
        reject(new Error(why));
        return;
      }
      try {
        resolve(parseProbe(JSON.parse(stdout) as unknown));
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  });
}

interface RawStream {
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  disposition?: { attached_pic?: number };
}

export function parseProbe(json: unknown): MediaInfo {
  const j = json as { streams?: RawStream[]; format?: { format_name?: string; duration?: string } };
  const streams = j.streams ?? [];
  // Cover art in an MP3/M4A is a "video" stream nobody plays.
  const v = streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  const a = streams.find((s) => s.codec_type === 'audio');
  const seconds = Number(j.format?.duration);
  return {
    container: j.format?.format_name ?? 'unknown',
    video: v ? { codec: v.codec_name ?? 'unknown', width: v.width ?? 0, height: v.height ?? 0 } : null,
    audio: a ? { codec: a.codec_name ?? 'unknown' } : null,
    durationMs: Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : null,
  };
}

/** Why Chromium will not play this file, in words a user can act on; null when it will. */
export function playbackProblem(info: MediaInfo): string | null {
  const fix = 'convert it to MP4 (H.264 + AAC) or WebM (VP9 + Opus)';
  if (!info.video && !info.audio) return `it holds no audio or video stream; ${fix}`;
  if (!info.container.split(',').some((c) => CONTAINERS.has(c))) {
    return `its container (${info.container}) cannot be played by the compositor; remux or ${fix}`;
  }
  if (info.video && !VIDEO_CODECS.has(info.video.codec)) {
    return `its video codec ${info.video.codec} cannot be decoded by the compositor; ${fix}`;
  }
  if (info.audio && !AUDIO_CODECS.has(info.audio.codec)) {
    return `its audio codec ${info.audio.codec} cannot be decoded by the compositor; ${fix}`;
  }
  return null;
}
