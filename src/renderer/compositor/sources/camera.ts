/**
 * camera_input: getUserMedia in the compositing Chromium; its frames read from the track
 * (CameraFrames, where the browser can: Chromium) or through a <video> (VideoFrames), one upload
 * per tick, only for new frames. The device is found by its id, else by the label it had
 * (ids change with the browser profile, and when a camera moves to another port), else the default
 * camera when none was chosen. Without a picture (permission refused, no such camera, in use,
 * unplugged) it draws the "no signal" card, and tries again when devices change and on a backoff,
 * so a camera that comes back is picked up by itself.
 *
 * Its sound (./camera-audio.ts picks the microphone) goes to the mixer through ctx.audio like an
 * audio_input's. A known microphone is opened in the same getUserMedia as the picture, so the two
 * start together (Chromium's fake devices start their files when opened: opened apart, a flash
 * and its beep would be apart by the time between the opens); if that fails, the picture is opened
 * alone and the microphone after it, on its own, so a bad microphone never costs the picture.
 * Where the page plays captured sound by its capture stamps (./timed-audio.ts), each picture is
 * shown the page's CaptureDelay after its own capture, the delay every microphone is heard at, so the
 * camera leaves the studio in step with its own microphone and with one opened as an audio_input.
 */
import { CAMERA_INPUT, type Settings } from '../../../shared';
import { createAudioCapture, OPENING, type AudioCapture } from './audio-capture';
import { micConstraints } from './audio-input';
import { cameraMic } from './camera-audio';
import { FramePathReport } from './frame-path-report';
import { CameraFrames, trackProcessor } from './camera-frames';
import { canPlayByStamps } from './timed-audio';
import { createNoSignalCard, drawLive, liveTexture, type NoSignalCard } from './no-signal';
import { bool, num, str } from './settings';
import type { DirectTexture, Draw, FrameInfo, SourceContext, SourceInfo, SourceKind, SourceRuntime } from './types';
import { VideoFrames } from './video-frames';

const RETRY_MIN_MS = 2000;
const RETRY_MAX_MS = 30_000;

interface CameraSettings {
  deviceId: string;
  deviceName: string;
  width: number;
  height: number;
  fps: number;
  mirror: boolean;
}

export function cameraSettings(s: Settings): CameraSettings {
  const d = CAMERA_INPUT.defaults;
  const m = /^(\d+)x(\d+)$/.exec(str(s, 'resolution', d.resolution as string));
  return {
    deviceId: str(s, 'device_id', ''),
    deviceName: str(s, 'device_name', ''),
    width: m ? Number(m[1]) : 0,
    height: m ? Number(m[2]) : 0,
    fps: Math.max(0, num(s, 'fps', 0)),
    mirror: bool(s, 'mirror', false),
  };
}

/** The device to open: by id, then by label, then (none chosen) the default; a string says why none. */
export function pickCamera(s: Pick<CameraSettings, 'deviceId' | 'deviceName'>, devices: readonly MediaDeviceInfo[] | readonly { kind: string; deviceId: string; label: string }[]): string | null | { missing: string } {
  const cams = devices.filter((d) => d.kind === 'videoinput');
  if (!s.deviceId && !s.deviceName) return null;
  const byId = cams.find((d) => d.deviceId === s.deviceId);
  if (byId) return byId.deviceId;
  const byName = s.deviceName ? cams.find((d) => d.label === s.deviceName) : undefined;
  if (byName) return byName.deviceId;
  // Labels are hidden until a capture permission is granted: then an id we cannot match may still open.
  if (cams.length > 0 && cams.every((d) => d.label === '') && s.deviceId) return s.deviceId;
  return { missing: s.deviceName || 'the chosen camera' };
}

/**
 * Whether new settings need the camera opened again: a new format, or a device other than `open`
 * (the deviceId open or being opened). The engine writes the name beside a chosen id, and the id
 * beside a name it found again (engine/media/cameras.ts); opening the same camera again for that
 * would blank the picture for as long as the camera takes to start.
 */
export function opensAgain(prev: CameraSettings, next: CameraSettings, open: string | null): boolean {
  if (prev.width !== next.width || prev.height !== next.height || prev.fps !== next.fps) return true;
  if (prev.deviceId === next.deviceId && prev.deviceName === next.deviceName) return false;
  return next.deviceId === '' || next.deviceId !== open;
}

/** getUserMedia's errors in words a user can act on. */
export function cameraProblem(err: unknown): string {
  const name = err instanceof DOMException || err instanceof Error ? err.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'camera permission was refused (allow the camera for the studio in the system settings)';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return name === 'NotFoundError' ? 'no camera is connected' : 'the camera cannot give that resolution or frame rate';
    case 'NotReadableError':
    case 'AbortError':
      return 'the camera is in use by another program or failed to start';
    default:
      return `the camera could not be opened (${err instanceof Error ? err.message : String(err)})`;
  }
}

export const cameraSource: SourceKind = {
  id: CAMERA_INPUT.id,
  create(settings: Settings, ctx: SourceContext, info: SourceInfo): SourceRuntime {
    return new CameraRuntime(settings, ctx, info);
  },
};

class CameraRuntime implements SourceRuntime {
  private readonly video: HTMLVideoElement;
  /** Held until the sound captured with them is heard, where the browser can read the track (./camera-frames.ts). */
  private readonly frames: VideoFrames | CameraFrames;
  private readonly pathReport: FramePathReport;
  private readonly card: NoSignalCard;
  private s: CameraSettings;
  private stream: MediaStream | null = null;
  private problem: string | null = null;
  private opening = 0;
  /** The open camera's deviceId, or the one the current attempt picked (null: none, or the default until it opens). */
  private device: string | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private retryMs = RETRY_MIN_MS;
  private disposed = false;
  private settings: Settings;
  /** The microphone's capture, its deviceId, and its tracks (to know whether it still plays). */
  private mic: AudioCapture | null = null;
  private micId: string | null = null;
  private micTracks: MediaStreamTrack[] = [];

  constructor(
    settings: Settings,
    private readonly ctx: SourceContext,
    private readonly info: SourceInfo,
  ) {
    this.s = cameraSettings(settings);
    this.settings = settings;
    const v = document.createElement('video');
    v.muted = true;
    v.playsInline = true;
    this.video = v;
    const reader = trackProcessor();
    // The picture waits as long as microphones do where they are played by their stamps (its own,
    // or an audio_input beside it); where they cannot be, sound plays as it comes and so does the picture.
    const delay = canPlayByStamps(ctx.audio) ? ctx.captureDelay : null;
    this.pathReport = new FramePathReport(`Camera "${info.name}"`);
    this.frames = reader ? new CameraFrames(ctx.gl, reader, this.s.mirror, () => delay) : new VideoFrames(ctx.gl, v, this.s.mirror);
    this.card = createNoSignalCard(ctx);
    navigator.mediaDevices?.addEventListener?.('devicechange', this.onDeviceChange);
    void this.open('added');
  }

  get width(): number {
    return this.frames.width || this.s.width || this.ctx.baseWidth();
  }

  get height(): number {
    return this.frames.height || this.s.height || this.ctx.baseHeight();
  }

  get version(): number {
    return this.frames.version;
  }

  update(settings: Settings): void {
    const prev = this.s;
    const prevMic = [this.settings['use_custom_audio_device'], this.settings['audio_device_id']];
    this.s = cameraSettings(settings);
    this.settings = settings;
    this.frames.setMirror(this.s.mirror);
    if (opensAgain(prev, this.s, this.device)) {
      this.retryMs = RETRY_MIN_MS;
      void this.open('its settings changed');
    } else if (prevMic[0] !== settings['use_custom_audio_device'] || prevMic[1] !== settings['audio_device_id']) {
      void this.syncMic();
    }
  }

  // A camera's frames carry no alpha: its pictures are opaque (copied into place when laid 1:1).
  render(draw: Draw, frame: FrameInfo): void {
    drawLive(draw, frame.index, this.stream ? this.frames : null, this.problem, this.card, this, this.warnUpload, true);
    if (this.stream) this.pathReport.check(this.frames.path);
  }

  texture(frame: FrameInfo): DirectTexture | null {
    const t = liveTexture(frame.index, this.stream ? this.frames : null, this.warnUpload, true);
    if (this.stream) this.pathReport.check(this.frames.path);
    return t;
  }

  private readonly warnUpload = (err: unknown): void =>
    this.ctx.warnOnce(`camera-upload:${this.info.uuid}`, `Camera "${this.info.name}": a frame could not be uploaded (${String(err)}).`);

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.opening++;
    this.clearRetry();
    navigator.mediaDevices?.removeEventListener?.('devicechange', this.onDeviceChange);
    this.close();
    this.closeMic();
    this.frames.dispose();
    this.card.dispose();
  }

  private readonly onDeviceChange = (): void => {
    // A camera plugged in (or back) gets its chance at once.
    if (!this.stream) {
      this.retryMs = RETRY_MIN_MS;
      void this.open('a device was connected');
    } else void this.syncMic();
  };

  private closeMic(): void {
    this.mic?.dispose();
    this.mic = null;
    this.micId = null;
    this.micTracks = [];
  }

  /** Hands these tracks (or, without them, a capture opened now) of microphone `id` to the mixer. */
  private useMic(id: string, tracks?: MediaStreamTrack[]): void {
    this.closeMic();
    this.micId = id;
    const mic = createAudioCapture(this.ctx, this.info, this.ctx.captureDelay);
    this.mic = mic;
    const audio = micConstraints({ device_id: id });
    mic.open(async () => {
      const stream = tracks ? new MediaStream(tracks) : await navigator.mediaDevices.getUserMedia({ audio, video: false });
      if (this.mic === mic) this.micTracks = stream.getAudioTracks();
      return stream;
    });
  }

  /** Opens, keeps or closes the microphone for the open camera and the settings. */
  private async syncMic(): Promise<void> {
    const attempt = this.opening;
    const groupId = this.stream?.getVideoTracks()[0]?.getSettings().groupId;
    const devices = await navigator.mediaDevices.enumerateDevices().catch(() => []);
    if (attempt !== this.opening || this.disposed) return;
    const id = cameraMic(this.settings, groupId, devices);
    if (!id) {
      // No microphone of its own (or none chosen): silent, and nothing to report.
      this.closeMic();
      return;
    }
    // Opened again when it changed, when its tracks ended (unplugged), or when it failed (retried
    // with the camera and on device changes); left alone while it plays or is being opened.
    const problem = this.mic?.problem;
    const ended = problem === null && !this.micTracks.some((t) => t.readyState === 'live');
    if (id !== this.micId || ended || (problem !== undefined && problem !== null && problem !== OPENING)) this.useMic(id);
  }

  private close(): void {
    for (const t of this.stream?.getTracks() ?? []) {
      t.onended = null;
      t.stop();
    }
    this.stream = null;
    this.device = null;
    this.video.srcObject = null;
    this.frames.clear();
    this.pathReport.reset();
  }

  /** `why`: for the log, where each open shows (an open blanks the picture until the camera starts). */
  private async open(why: string): Promise<void> {
    const attempt = ++this.opening;
    const which = this.s.deviceName ? `"${this.s.deviceName}"` : this.s.deviceId ? 'the chosen camera' : 'the default camera';
    console.info(`Camera "${this.info.name}": opening ${which} (${why}).`);
    this.clearRetry();
    this.close();
    // The camera asked for counts as open while it opens: the engine writing its name beside this
    // id in the meantime must not open it a second time (see opensAgain).
    this.device = this.s.deviceId || null;
    const md = navigator.mediaDevices;
    if (!md?.getUserMedia) {
      this.fail('this browser gives the studio no camera access (it needs a secure page: https or localhost)', false);
      return;
    }
    const s = this.s;
    try {
      const devices = await md.enumerateDevices();
      const picked = pickCamera(s, devices);
      if (attempt !== this.opening) return;
      this.device = typeof picked === 'string' ? picked : null;
      if (picked !== null && typeof picked === 'object') {
        this.fail(`camera "${picked.missing}" is not connected`, true);
        return;
      }
      const video: MediaTrackConstraints = {};
      if (picked) video.deviceId = { exact: picked };
      if (s.width > 0) video.width = { ideal: s.width };
      if (s.height > 0) video.height = { ideal: s.height };
      if (s.fps > 0) video.frameRate = { ideal: s.fps };
      // The microphone, when it is known before the camera opens (custom, or paired by a known groupId).
      const groupId = typeof picked === 'string' ? devices.find((d) => d.kind === 'videoinput' && d.deviceId === picked)?.groupId : undefined;
      const micId = cameraMic(this.settings, groupId, devices);
      let both: MediaStream | null = null;
      // Reopened with the picture: closed first, or the browser would hand back the same running capture.
      if (micId) this.closeMic();
      if (micId) both = await md.getUserMedia({ video, audio: micConstraints({ device_id: micId }) }).catch(() => null);
      if (attempt !== this.opening || this.disposed) {
        for (const t of both?.getTracks() ?? []) t.stop();
        return;
      }
      const opened = both ?? (await md.getUserMedia({ video, audio: false }));
      if (attempt !== this.opening || this.disposed) {
        for (const t of opened.getTracks()) t.stop();
        return;
      }
      const stream = new MediaStream(opened.getVideoTracks());
      const micTracks = opened.getAudioTracks();
      if (micId && micTracks.length > 0) this.useMic(micId, micTracks);
      this.stream = stream;
      this.problem = null;
      this.retryMs = RETRY_MIN_MS;
      const track = stream.getVideoTracks()[0];
      // The default camera, once open, is known by its id too.
      this.device = track?.getSettings().deviceId ?? this.device;
      if (track) {
        track.onended = () => {
          if (this.stream !== stream) return;
          this.close();
          this.fail('the camera was disconnected', true);
        };
      }
      if (this.frames instanceof CameraFrames) {
        if (track) this.frames.attach(track);
      } else {
        this.video.srcObject = stream;
        await this.video.play().catch(() => {});
      }
      // A microphone not opened with the picture: the camera's own, found now by its groupId, or
      // the one whose joint open failed (opened alone, so its problem is reported).
      if (micTracks.length === 0) await this.syncMic();
      // Now that a camera is open, labels are readable: device lists can show names.
      this.ctx.media?.refreshDevices();
    } catch (err) {
      if (attempt !== this.opening) return;
      const refused = err instanceof DOMException && (err.name === 'NotAllowedError' || err.name === 'SecurityError');
      this.fail(cameraProblem(err), !refused);
    }
  }

  private fail(problem: string, retry: boolean): void {
    if (this.problem !== problem) this.ctx.warnOnce(`camera:${this.info.uuid}:${problem}`, `Camera "${this.info.name}": ${problem}.`);
    this.problem = problem;
    this.device = null;
    if (retry && !this.disposed) {
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        this.retryMs = Math.min(RETRY_MAX_MS, this.retryMs * 2);
        void this.open('retrying');
      }, this.retryMs);
    }
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }
}
