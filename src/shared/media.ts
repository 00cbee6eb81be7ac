/**
 * Media playback and capture devices, shared by the engine and the renderer. Playback happens in the
 * renderer (a <video> in the compositing Chromium), so the engine only relays: media.action goes
 * engine → renderers, and the output owner's renderer reports what its players are doing
 * (renderer.mediaStatus) and which capture devices it sees (renderer.devices).
 */
import { DESKTOP_AUDIO_LABEL } from './kinds/audio-output-capture';

/**
 * A network stream source's bytes are asked for through the media route (StudioBridge.mediaUrl) as
 * the path `studio-stream:<input uuid>`: no file path starts so, and both hosts' routes know it.
 */
export const NETWORK_STREAM_PREFIX = 'studio-stream:';

/** OBS's media states (OBS_MEDIA_STATE_*), lower-case. */
export type MediaState = 'none' | 'playing' | 'opening' | 'buffering' | 'paused' | 'stopped' | 'ended' | 'error';

/** OBS's media actions (OBS_WEBSOCKET_MEDIA_INPUT_ACTION_*) plus seek (Set/OffsetMediaInputCursor). */
export type MediaAction = 'play' | 'pause' | 'stop' | 'restart' | 'next' | 'previous' | 'seek';

export const MEDIA_STATES: readonly MediaState[] = ['none', 'playing', 'opening', 'buffering', 'paused', 'stopped', 'ended', 'error'];
export const MEDIA_ACTIONS: readonly MediaAction[] = ['play', 'pause', 'stop', 'restart', 'next', 'previous', 'seek'];

/** One player's state as its renderer last saw it. */
export interface MediaStatus {
  inputUuid: string;
  state: MediaState;
  /** Null while unknown (opening) or for a live stream. */
  durationMs: number | null;
  /** Playback position when the report was made. */
  cursorMs: number | null;
  /** Playback rate (speed_percent / 100), so the engine can move the cursor on between reports. */
  rate: number;
  /** Why there is no picture (state 'error', or a capture without signal), for people. */
  error?: string;
}

/** A capture device the compositing renderer can open (navigator.mediaDevices.enumerateDevices()). */
export interface MediaDevice {
  kind: 'videoinput' | 'audioinput';
  /** Stable per origin, but changes when the browser profile does; the label finds it again. */
  deviceId: string;
  label: string;
}

/**
 * The devices of one kind that a person may choose for a source: the studio's own desktop-audio
 * capture devices (PulseAudio remap sources it loads over output monitors, see
 * kinds/audio-output-capture.ts) are left out, since picking one as a microphone would capture
 * the desktop's sound under another source's name.
 */
export function choosableDevices(devices: readonly MediaDevice[], kind: MediaDevice['kind']): MediaDevice[] {
  return devices.filter((d) => d.kind === kind && !d.label.startsWith(DESKTOP_AUDIO_LABEL));
}

/**
 * Which device list fills a list property's options (see Property 'list'): one of the renderer's,
 * or 'monitor', the outputs whose sound can be captured (their monitor sources), which the engine
 * lists itself (engine/media/desktop-audio.ts).
 */
export type DeviceListSource = MediaDevice['kind'] | 'monitor';
