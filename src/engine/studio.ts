/**
 * createStudio(ports) — the engine's only entry. It wires the document store, persistence, the
 * output and the renderer sessions together; the desktop app, server mode and tests all run this.
 */
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  Status,
  fail,
  ok,
  type CommandResult,
  type CommandType,
  type InputLevels,
  type Result,
  type StudioDocument,
  type StudioEvent,
} from '../shared';
import { syncLeadMs } from '../shared/sync-lead';
import type { Disposable, Logger, Studio, StudioPorts } from './api';
import { REMOTE_OFF, startRemoteControl, type RemoteControl } from './remote-control';
import { ensureSelfSignedCert } from './remote/tls';
import { STUDIO_VERSION } from './version';
import { redact } from './log/redact';
import { systemClock } from './clock';
import { KindRegistry } from './kinds/registry';
import { DocumentStore } from './document/store';
import { Autosaver } from './persistence/autosaver';
import { loadDocument } from './persistence/load';
import { Library, isLibraryCommand } from './library/library';
import { absolute, currentEntry, loadLayout } from './library/layout';
import { FileSecretStore } from './persistence/secrets';
import { createLogger } from './log/logger';
import { OutputControl, isOutputCommand } from './output/control';
import { EncoderSelection } from './output/encoder-selection';
import { RecordingControl } from './output/recording-control';
import { encodedTracks } from './output/audio-tracks';
import { ReplayControl } from './output/replay-control';
import { ReplayPlayback } from './output/replay-playback';
import { recordingFolder } from './output/recording/file-name';
import type { EncoderName } from './output/encoders/catalog';
import { ffmpegStaticPath, locateFfmpeg } from './output/locate-ffmpeg';
import { StreamOutput } from './output/stream-output';
import { HlsPreview } from './output/hls-preview';
import { RendererHub } from './renderer-hub';
import { takeScreenshot } from './screenshot';
import { ScreenshotSchedule } from './screenshot-schedule';
import { Hotkeys } from './hotkeys/hotkeys';
import { imageFileProblems } from './media-check';
import { MediaTracker } from './media/tracker';
import { inputFiles, localMediaFile, mediaFileProblems } from './media/check';
import { ffprobeFor, probeMedia } from './media/probe';
import { cameraFixes } from './media/cameras';
import { NetworkSources } from './media/network-sources';
import { systemCaBundle } from './media/network-url';
import { DesktopAudio, listOutputs } from './media/desktop-audio';
import { BrowserSources } from './browser/sources';
import { StatsMonitor } from './stats/monitor';
import { AudienceMonitor } from './audience/monitor';
import { StreamReporter } from './report/reporter';
import { CpuMeter } from './stats/cpu';
import { Webhooks } from './webhooks/webhooks';
import { OverlayTimers } from './overlays/overlay-timers';
import { RendererWarnings } from './renderer-warnings';
import { TransitionClock } from './transition-clock';
import { transitionMediaPath } from './transition-media';
import { webhookSecretName } from './document/handlers';
import { BUILT_IN_TEMPLATES } from './output/encoders/templates';

/** Audio levels older than this count as absent: the renderer reports every 50 ms while sound plays. */
export const LEVELS_FRESH_MS = 500;

export async function createStudio(ports: StudioPorts): Promise<Studio> {
  const dataDir = path.resolve(ports.dataDir);
  await ensureDirectory(dataDir);
  const clock = ports.clock ?? systemClock;
  const env = ports.env ?? process.env;
  /** The PEM bundle TLS servers (rtmps:// destinations, rtmps/https network sources) are verified against. */
  const caFile = env['STUDIO_NETWORK_CA_FILE'] || systemCaBundle();
  // Keys this engine has handled; every log line is scrubbed of them, whoever supplied the logger.
  const knownSecrets = new Set<string>();
  const ownLogger = ports.logger ? null : createLogger({ level: 'info', secrets: () => knownSecrets });
  const logger = scrubbing(ports.logger ?? ownLogger!, knownSecrets);
  const secrets = ports.secrets ?? new FileSecretStore(dataDir);

  const listeners = new Set<(event: StudioEvent) => void>();
  const emit = (event: StudioEvent): void => {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (error) {
        logger.log('error', 'event listener threw', { type: event.type, error: String(error) });
      }
    }
  };
  const notify = (level: 'info' | 'warning' | 'error', message: string): void => {
    logger.log(level === 'warning' ? 'warn' : level, message);
    emit({ type: 'notice', data: { level, message } });
  };

  // Which scene collection and profile to load (library/layout.ts); an older data folder reads as one of each.
  const layoutNotices: { level: 'info' | 'warning' | 'error'; message: string }[] = [];
  const layout = await loadLayout(dataDir, layoutNotices);
  const loaded = await loadDocument({
    dataDir,
    resourcesDir: ports.resourcesDir,
    collectionFile: absolute(dataDir, currentEntry(layout, 'collection').file),
    profileFile: absolute(dataDir, currentEntry(layout, 'profile').file),
  });
  loaded.notices.unshift(...layoutNotices);
  const cpu = new CpuMeter();
  // Polls the receiving servers' audience figures while their destinations send.
  const audience: AudienceMonitor = new AudienceMonitor({
    clock,
    active: (): ReadonlySet<string> => new Set(output.destinationStats().filter((d) => d.state === 'live').map((d) => d.id)),
  });
  const previewHls = new HlsPreview({ clock, logger });
  const output: StreamOutput = new StreamOutput({
    clock,
    logger,
    onMainEncoding: (source) => previewHls.setSource(source),
    emit,
    audience: (id) => audience.reading(id),
    cpuPercent: () => cpu.percent(),
    onEncoderSwitch: (change) => encoders.switched(change),
    onRecordingEnded: (error) => recording.outputEnded(error),
    onReplayEnded: (error) => replay.outputEnded(error),
    // Negative sync offsets: the sound is delayed by the lead in the renderer, the pictures here.
    videoDelayMs: () => syncLeadMs(store.get().inputs),
    // The mixer tracks the recording and the destinations use, fixed when the encoders start.
    audioTracks: () => encodedTracks(store.get()),
    // rtmps:// destinations are verified against the host's private authority or the system's bundle.
    ...(caFile ? { caFile } : {}),
  });
  // Frames must flow (and video settings stay put) while the stream, a recording or the replay buffer runs.
  const outputActive = (): boolean => !['idle', 'failed'].includes(output.state()) || recording.active() || replay.active();
  const kinds = new KindRegistry();
  const store = new DocumentStore({
    initial: loaded.document,
    kinds,
    secrets,
    emit,
    isLive: outputActive,
    writingFiles: (): boolean => recording.active() || replay.active(),
  });
  const encoders = new EncoderSelection({
    document: () => store.get(),
    ffmpeg: async () => {
      const found = await locate();
      return found.ok ? { path: found.value.path } : { problem: found.error.message };
    },
    emit,
    logger,
  });
  const locate = async () => locateFfmpeg({ setting: store.get().output.ffmpegPath, env, staticPath: ffmpegStaticPath() });
  // What a recording or the replay buffer starts the encoders with when nothing else runs them.
  const pipelineControl = {
    output,
    document: () => store.get(),
    dataDir,
    pipeline: async () => {
      const found = await locate();
      if (!found.ok) return found;
      const choice = await encoders.forStream();
      const doc = store.get();
      return ok({ ffmpegPath: found.value.path, video: doc.video, encoder: doc.output.encoder, codec: choice.name as EncoderName });
    },
    emit,
    notify,
    clock,
    logger,
  };
  const recording = new RecordingControl(pipelineControl);
  const replay = new ReplayControl(pipelineControl);
  const control = new OutputControl({
    encoders,
    output,
    document: () => store.get(),
    streamKey: (id) => store.streamKey(id),
    signingKey: (id) => store.signingKey(id),
    audience,
    secrets: knownSecrets,
    env,
    notify,
  });
  const autosaver = new Autosaver({
    dataDir,
    files: (): { collection: string; profile: string } => library.files(),
    get: () => store.get(),
    clock,
    onError: (message) => notify('error', message),
  });
  const library = new Library({
    dataDir,
    layout,
    store,
    kinds,
    secrets,
    flush: (): Promise<void> => autosaver.flush(),
    isLive: outputActive,
    emit,
    notify,
  });
  /** The output owner's latest renderer.audioLevels report and when it arrived (see audioLevels()). */
  let lastLevels: { levels: InputLevels[]; at: number } | null = null;
  const media = new MediaTracker({ clock, document: () => store.get(), emit });
  // Network stream sources (ffmpeg_source with a URL): pulled by FFmpeg, reconnected by themselves.
  const networks = new NetworkSources({
    clock,
    logger,
    secrets: knownSecrets,
    ...(caFile ? { caFile } : {}),
    ffmpegPath: async () => {
      const found = await locate();
      return found.ok ? ok(found.value.path) : found;
    },
    onState: (inputUuid, down) => media.setStreamState(inputUuid, down),
  });
  const browsers = new BrowserSources({ backend: ports.browserSources ?? null, document: () => store.get(), emit, logger });
  const rendererWarnings = new RendererWarnings(clock, (message) => notify('warning', message));
  const hub = new RendererHub({
    getDocument: () => store.get(),
    outputActive,
    kinds: () => kinds.list(),
    streamState: () => output.state(),
    execute: (type, args) => execute(type, args),
    pushFrame: (message, ack) => output.pushFrame(message, ack),
    reportRenderer: (stats) => output.reportRenderer(stats),
    reportWarning: (message) => rendererWarnings.report(message),
    reportLevels: (levels) => {
      lastLevels = { levels, at: clock.now() };
    },
    reportMedia: (type, args, fromOwner) => (type === 'renderer.mediaStatus' ? media.report(args, fromOwner) : media.reportDevices(args, fromOwner)),
    // Notices raised before any renderer connected (a corrupt file moved aside) are replayed to each.
    startupNotices: loaded.notices,
    replay: () => [
      { type: 'encoder.status', data: encoders.status() },
      { type: 'record.state', data: recording.status() },
      { type: 'replay.state', data: replay.status() },
      { type: 'stats.history', data: { samples: monitor.history() } },
      { type: 'diagnosis.changed', data: monitor.diagnosis() },
      { type: 'devices.changed', data: { devices: media.devices() } },
      ...media.problemEvents(),
      ...browsers.replay(),
      { type: 'history.changed', data: store.historyState() },
      { type: 'collections.changed', data: library.list('collection') },
      { type: 'profiles.changed', data: library.list('profile') },
      ...transitions.replay(),
    ],
    clock,
  });
  let edits = store.historyState();
  const internal = subscribe((event) => {
    if (event.type === 'document.changed') {
      // Undo/Redo labels follow every edit; announced only when they change.
      const now = store.historyState();
      if (now.undo !== edits.undo || now.redo !== edits.redo) {
        edits = now;
        emit({ type: 'history.changed', data: now });
      }
      autosaver.schedule();
      control.documentChanged(event.data.document);
      const cause = event.data.cause;
      if (cause === 'output.setFfmpegPath') void encoders.refresh();
      // Only the encoder preference and the destinations' protocols bear on the choice; a scene
      // edit (dozens a second while dragging) does not.
      else if (cause === 'output.setEncoder' || cause === 'template.apply' || cause.startsWith('destination.') || cause === 'profile.switch') {
        encoders.documentChanged();
      }
    }
    if (event.type === 'stream.state') {
      hub.refreshOwnership();
      if (event.data.state === 'idle' || event.data.state === 'failed') encoders.streamEnded();
    }
    if (event.type === 'input.created' || event.type === 'input.settingsChanged') void checkImages([event.data.inputUuid]);
    if (event.type === 'input.created' || event.type === 'input.settingsChanged') {
      void checkMedia([event.data.inputUuid]);
      void fixCameras([event.data.inputUuid]);
    }
    if (event.type === 'devices.changed') void fixCameras();
    if (event.type === 'document.changed') media.documentChanged(event.data.document);
    if (event.type === 'document.changed') networks.documentChanged(event.data.document);
    if (event.type === 'document.changed') browsers.sync(event.data.document);
    hub.broadcast(event);
  });

  const monitor = new StatsMonitor({ clock, subscribe, emit, document: () => store.get() });
  // Writes the post-stream report beside the recordings when a stream stops.
  const reporter = new StreamReporter({
    subscribe,
    emit,
    document: () => store.get(),
    dataDir,
    clock,
    encoder: () => encoders.status().chosen,
    destinations: () => output.destinationStats(),
    notify,
  });
  const webhooks = new Webhooks({
    subscribe,
    document: () => store.get(),
    secret: async (id) => {
      const value = await secrets.get(webhookSecretName(id));
      // Like stream keys: once the engine handles a signing secret, no log line may show it.
      if (value) knownSecrets.add(value);
      return value;
    },
    clock,
    logger,
    notify,
  });

  const hotkeys = new Hotkeys({
    document: () => store.get(),
    execute: (type, args) => execute(type, args),
    hasAudio: (kind) => kinds.get(kind)?.audio ?? false,
  });

  // Lower thirds' auto-hide, countdowns' scene switch, clocks started by plain SetInputSettings.
  // Scene transitions' start, end and cursor for obs-websocket (renderers draw them themselves).
  const transitions = new TransitionClock({
    subscribe,
    document: () => store.get(),
    emit,
    clock,
    take: () => execute('studio.take', {}),
    // A stinger lasts as long as its video.
    probeDurationMs: async (file) => {
      const found = await locate();
      return (await probeMedia(ffprobeFor(found.ok ? found.value.path : null), file)).durationMs;
    },
  });
  // Linux desktop audio: a capturable source over each wanted output's monitor (media/desktop-audio.ts).
  const desktopAudio = new DesktopAudio({ subscribe, document: () => store.get(), logger });
  const overlays = new OverlayTimers({ subscribe, document: () => store.get(), execute: (type, args) => execute(type, args), clock, wallNow: () => Date.now(), logger });
  // PlayLastReplay / replay.play: the replay on air with its transition, and program back after it.
  const replayPlayback = new ReplayPlayback({ subscribe, document: () => store.get(), execute: (type, args) => execute(type, args), lastReplay: () => replay.status().lastReplay });

  async function checkImages(inputUuids?: string[]): Promise<void> {
    for (const message of await imageFileProblems(store.get(), inputUuids)) notify('warning', message);
  }
  void checkImages();

  /** The last media notice per input, so each verdict is told once. */
  const lastMediaNotice = new Map<string, string>();
  /** Probes media inputs' files; a file that cannot play is told once per change of verdict. */
  async function checkMedia(inputUuids?: string[]): Promise<void> {
    const doc = store.get();
    if (!doc.inputs.some((i) => localMediaFile(i) && (!inputUuids || inputUuids.includes(i.uuid)))) return;
    const found = await locate();
    const problems = await mediaFileProblems(doc, ffprobeFor(found.ok ? found.value.path : null), inputUuids);
    for (const input of doc.inputs) {
      if (inputUuids && !inputUuids.includes(input.uuid)) continue;
      const problem = problems.get(input.uuid) ?? null;
      const told = lastMediaNotice.get(input.uuid) ?? null;
      media.setProblem(input.uuid, problem?.blocking ?? null);
      if (problem && problem.message !== told) notify('error', problem.message);
      if (problem) lastMediaNotice.set(input.uuid, problem.message);
      else lastMediaNotice.delete(input.uuid);
    }
  }
  void checkMedia();
  networks.documentChanged(store.get());
  browsers.sync(store.get());

  /** Camera inputs' device_id / device_name brought in step with the reported devices (media/cameras.ts). */
  async function fixCameras(inputUuids?: string[]): Promise<void> {
    for (const fix of cameraFixes(store.get(), media.devices(), inputUuids)) {
      await store.execute('input.update', { inputUuid: fix.inputUuid, settings: fix.settings, overlay: true });
    }
  }

  function subscribe(listener: (event: StudioEvent) => void): Disposable {
    listeners.add(listener);
    return { dispose: () => listeners.delete(listener) };
  }

  async function execute<T extends CommandType>(type: T, args: unknown): Promise<Result<CommandResult<T>>> {
    let result: Result<unknown>;
    try {
      if (type === 'stream.start' || isOutputCommand(type)) {
        if (type === 'stream.start') warnOverBudget();
        result = type === 'stream.start' ? await control.startStream() : await control.execute(type, args);
        hub.refreshOwnership();
      } else if (type === 'stream.stop') {
        result = outputActive() ? await output.stop() : fail(Status.OutputNotRunning, 'The stream is not running.');
        hub.refreshOwnership();
      } else if (type === 'record.start' || type === 'record.stop') {
        result = type === 'record.start' ? await recording.start() : await recording.stop();
        hub.refreshOwnership();
      } else if (type === 'record.status') {
        result = ok(recording.status());
      } else if (type === 'replay.start' || type === 'replay.stop') {
        result = type === 'replay.start' ? await replay.start() : await replay.stop();
        hub.refreshOwnership();
      } else if (type === 'replay.save') {
        result = await replay.save();
      } else if (type === 'replay.status') {
        result = ok(replay.status());
      } else if (type === 'replay.play') {
        result = await replayPlayback.play(args);
      } else if (type === 'encoder.status') {
        result = ok(encoders.status());
      } else if (type === 'encoder.probe') {
        result = ok(await encoders.refresh(true));
      } else if (type === 'stats.budget') {
        result = ok(monitor.budget());
      } else if (type === 'stats.history') {
        result = ok({ samples: monitor.history() });
      } else if (type === 'stats.diagnosis') {
        result = ok(monitor.diagnosis());
      } else if (type === 'stats.lastReport') {
        await reporter.settled();
        const last = reporter.lastReport();
        result = last ? ok(last) : fail(Status.InvalidResourceState, 'No stream has stopped since the studio started, so there is no report yet.');
      } else if (type === 'webhook.test') {
        result = await webhooks.test(args);
      } else if (type === 'template.list') {
        result = ok({ builtIn: BUILT_IN_TEMPLATES.map((t) => t.name), user: store.get().output.templates.map((t) => t.name) });
      } else if (type === 'studio.about') {
        // Replays are saved beside the recordings (output/replay/save.ts).
        const recordings = recordingFolder(store.get().output.recording.folder, dataDir);
        result = ok({
          version: STUDIO_VERSION,
          logFile: ports.logFile ?? null,
          folders: { recordings, replays: recordings, screenshots: periodic.status().folder },
        });
      } else if (type === 'remote.info') {
        result = ok(remote?.info() ?? REMOTE_OFF);
      } else if (type === 'hotkey.list') {
        result = ok(hotkeys.list());
      } else if (type === 'hotkey.trigger') {
        result = await hotkeys.trigger(args);
      } else if (type === 'hotkey.triggerKeys') {
        result = await hotkeys.triggerKeys(args);
      } else if (type === 'history.undo' || type === 'history.redo') {
        result = await store.step(type === 'history.undo' ? 'undo' : 'redo');
      } else if (isLibraryCommand(type)) {
        result = await library.execute(type, args);
      } else if (type === 'media.action') {
        result = media.action(args);
      } else if (type === 'media.outputs') {
        result = ok({ outputs: await listOutputs() });
      } else if (type === 'input.pressButton') {
        result = browsers.press(args);
      } else if (
        type === 'renderer.claimOutput' ||
        type === 'renderer.captureResult' ||
        type === 'renderer.audioLevels' ||
        type === 'renderer.mediaStatus' ||
        type === 'renderer.devices' ||
        type === 'renderer.warning'
      ) {
        result = fail(Status.InvalidRequestField, `${type} is only valid from a renderer session.`);
      } else if (type === 'studio.take' && store.get().studioMode && transitions.busy()) {
        // As OBS in studio mode: a take while a transition runs is ignored, so a double-tapped
        // Transition button does not send program straight back to the scene it just left.
        result = ok(null);
      } else result = await store.execute(type, args);
    } catch (error) {
      // A bug must not take the engine down with it: report it as a typed failure.
      logger.log('error', 'command failed unexpectedly', { type, error: String(error) });
      result = fail(Status.RequestProcessingFailed, `The studio could not run ${type}: ${String(error)}`);
    }
    return result as Result<CommandResult<T>>;
  }

  /** The budget check before going live: a warning, never a refusal (the uplink may be a guess). */
  function warnOverBudget(): void {
    const budget = monitor.budget();
    if (budget.fits === false) notify('warning', budget.message);
  }

  const screenshot: Studio['screenshot'] = (request) => takeScreenshot({ document: () => store.get(), capture: (spec) => hub.capture(spec) }, request);
  const periodic = new ScreenshotSchedule({
    shoot: screenshot,
    document: () => store.get(),
    subscribe,
    clock,
    logger,
    notify,
    streamState: () => output.state(),
    dataDir,
    ...(ports.screenshots ? { fixed: ports.screenshots } : {}),
  });
  const periodicSync = subscribe((event) => {
    if (event.type === 'document.changed') periodic.sync(event.data.document);
  });

  let disposed = false;
  let remote: RemoteControl | null = null;
  let remoteCleanup: () => Promise<void> = async () => {};
  const studio: Studio = {
    execute,
    subscribe,
    document: () => store.get(),
    openRendererSession: (sink) => hub.open(sink),
    notify: (level, message) => emit({ type: 'notice', data: { level, message } }),
    screenshot,
    periodicScreenshots: () => periodic.status(),
    resolveMediaPath: (requested) => transitionMediaPath(store.get(), requested, ports.resourcesDir) ?? resolveMediaPath(store.get(), requested),
    networkStream: (inputUuid) => networks.stream(inputUuid),
    previewHls,
    status: () => ({ stream: output.stats(), destinations: output.destinationStats() }),
    health: () => ({ ok: true, streaming: output.state(), ffmpeg: control.lastFfmpeg, revision: store.get().revision }),
    media: { status: (inputUuid) => media.status(inputUuid), devices: () => media.devices() },
    transitionCursor: () => transitions.cursor(),
    setTBar: (position, release) => transitions.tbar(position, release),
    audioLevels: () => (lastLevels && clock.now() - lastLevels.at <= LEVELS_FRESH_MS ? lastLevels.levels : []),
    async dispose() {
      if (disposed) return;
      disposed = true;
      await remoteCleanup();
      await remote?.dispose();
      await recording.dispose();
      await replay.dispose();
      await networks.dispose();
      await browsers.dispose();
      await webhooks.dispose();
      await output.dispose();
      await previewHls.dispose();
      audience.dispose();
      encoders.dispose();
      monitor.dispose();
      reporter.dispose();
      // A report being written when the studio goes belongs to it: finished before dispose returns.
      await reporter.settled();
      overlays.dispose();
      await desktopAudio.dispose();
      replayPlayback.dispose();
      transitions.dispose();
      periodicSync.dispose();
      const shots = periodic.dispose();
      hub.dispose();
      await shots;
      internal.dispose();
      listeners.clear();
      await autosaver.flush();
      autosaver.dispose();
      await ownLogger?.dispose();
    },
  };
  // Hosts that run a real studio test the encoders at once, so Settings shows the choice before
  // anyone goes live; an engine embedded in a test probes on its first stream instead.
  if (ports.probeEncoders) void encoders.refresh();
  // Remote control needs the finished Studio. Hosts opt in (server mode and the desktop app do by
  // default), so an engine embedded in a test does not grab port 4455.
  const hostRemote = ports.remote;
  if (hostRemote) {
    /** The host's options (flags) plus the profile's security settings, which add to them. */
    const startRemote = async (): Promise<void> => {
      const settings = store.get().remoteControl;
      let tls = hostRemote.tls ?? null;
      if (!tls && settings.tls) {
        const cert = await ensureSelfSignedCert({ dir: path.join(dataDir, 'tls') });
        if (cert.ok) tls = { cert: cert.value.cert, key: cert.value.key };
        else notify('error', `Remote control stays on ws:// — ${cert.error.message}`);
      }
      const allowedOrigins = [...new Set([...(hostRemote.allowedOrigins ?? []), ...settings.allowedOrigins])];
      const started = await startRemoteControl({
        studio,
        secrets,
        logger,
        clock,
        dataDir,
        version: STUDIO_VERSION,
        options: { ...hostRemote, allowedOrigins, tls },
        knownSecrets,
      });
      if (started.ok) remote = started.value;
      const problem = remote?.info().problem;
      if (problem && hostRemote.enabled !== false) notify('error', problem);
    };
    await startRemote();
    // A change of its security restarts the server; tools reconnect as they do after any restart.
    let restarting: Promise<void> = Promise.resolve();
    const remoteSettings = subscribe((event) => {
      if (event.type !== 'document.changed' || event.data.cause !== 'remoteControl.set' || disposed) return;
      restarting = restarting.then(async () => {
        const old = remote;
        remote = null;
        await old?.dispose();
        if (!disposed) await startRemote();
      });
    });
    remoteCleanup = async () => {
      remoteSettings.dispose();
      await restarting;
    };
  }
  return studio;
}

function scrubbing(base: Logger, secrets: Set<string>): Logger {
  return {
    log(level, message, fields) {
      const clean = fields ? (JSON.parse(redact(JSON.stringify(fields), secrets)) as Record<string, unknown>) : undefined;
      base.log(level, redact(message, secrets), clean);
    },
  };
}

async function ensureDirectory(dir: string): Promise<void> {
  const info = await stat(dir).catch(() => null);
  if (info && !info.isDirectory()) throw new Error(`The data folder ${dir} is a file, not a folder.`);
  await mkdir(dir, { recursive: true });
}

/** Only files that an image or media input of the document uses may be served to the renderer. */
function resolveMediaPath(doc: StudioDocument, requested: string): string | null {
  if (!requested || !path.isAbsolute(requested)) return null;
  const wanted = path.resolve(requested);
  // The program watermark's image belongs to the profile, not to an input.
  const mark = doc.watermark;
  if (mark?.type === 'image' && mark.file && path.resolve(mark.file) === wanted) return wanted;
  for (const input of doc.inputs) {
    if (inputFiles(input).some((file) => path.resolve(file) === wanted)) return wanted;
  }
  // Images that filters use (mask_filter_v2's mask, clut_filter's LUT), on inputs and scenes.
  for (const source of [...doc.inputs, ...doc.scenes]) {
    for (const f of source.filters) {
      const file = f.settings['image_path'];
      if (typeof file === 'string' && file && path.resolve(file) === wanted) return wanted;
    }
  }
  return null;
}
