/**
 * What a tap does. Each action is one (or two) obs-websocket requests; its button shows it is busy
 * until the studio answers, a second tap meanwhile does nothing, and a failure becomes a notice
 * in the studio's own words.
 */
import { requestMessage } from './errors';
import type { Session } from './session';
import { setBusy, showNotice, type DestinationInfo, type RemoteStore } from './store';

export interface Actions {
  /** Program, or preview while studio mode is on (as OBS's own scene list does). */
  selectScene(name: string): Promise<void>;
  /** Studio mode: the preview goes to program. */
  take(): Promise<void>;
  setStudioMode(enabled: boolean): Promise<void>;
  /**
   * Studio mode's T-bar (SetTBarPosition), 0..1; release as a hand letting go: near the top takes,
   * near the bottom cancels, between holds. Resolves false when the studio refused (a notice says why).
   */
  setTBar(position: number, release: boolean): Promise<boolean>;
  startStream(): Promise<void>;
  stopStream(): Promise<void>;
  startRecord(): Promise<void>;
  stopRecord(): Promise<void>;
  startDestination(d: DestinationInfo): Promise<void>;
  stopDestination(d: DestinationInfo): Promise<void>;
  reconnectDestination(d: DestinationInfo): Promise<void>;
  toggleMute(inputName: string): Promise<void>;
  /** Resolves true once the studio took the text. */
  saveText(inputName: string, text: string): Promise<boolean>;
  /** A live graphic's settings, merged over its current ones (SetInputSettings overlay). */
  setGraphic(inputName: string, settings: Record<string, unknown>): Promise<boolean>;
  /** One of the studio's graphic vendor requests (ShowLowerThird, StepLowerThird, StartOverlayClock…). */
  graphicRequest(inputName: string, requestType: string, data?: Record<string, unknown>): Promise<boolean>;
}

export function createActions(store: RemoteStore, session: () => Session | null): Actions {
  const run = async (key: string, what: string, job: (s: Session) => Promise<void>): Promise<boolean> => {
    if (store.getState().busy[key]) return false;
    const s = session();
    if (!s) {
      showNotice(store, `${what} needs a connection to the studio.`);
      return false;
    }
    setBusy(store, key, true);
    try {
      await job(s);
      return true;
    } catch (error) {
      const message = requestMessage(error, what);
      // Also in the console, where remote debugging of a tablet can see it after the notice is gone.
      console.warn(`[remote] ${message}`);
      showNotice(store, message);
      return false;
    } finally {
      setBusy(store, key, false);
    }
  };

  const destinationAction =
    (verb: 'Start' | 'Stop' | 'Reconnect', label: string) =>
    async (d: DestinationInfo): Promise<void> => {
      // The new state arrives as DestinationStateChanged, the moment the studio changes it.
      await run(`dest:${d.id}`, `${label} ${d.name}`, async (s) => {
        await s.vendor(`${verb}Destination`, { destinationId: d.id });
      });
    };

  return {
    async selectScene(name) {
      const preview = store.getState().studioMode.enabled;
      await run(`scene:${name}`, `Switching to ${name}`, async (s) => {
        if (preview) {
          await s.call('SetCurrentPreviewScene', { sceneName: name });
          store.setState({ preview: name });
        } else {
          await s.call('SetCurrentProgramScene', { sceneName: name });
          store.setState({ program: name });
        }
      });
    },
    async take() {
      const { preview, transitioning } = store.getState();
      // The studio ignores a take while a transition runs (as OBS does), so the remote does not send one.
      if (!preview || transitioning) return;
      // The studio's own take (not SetCurrentProgramScene), so it swaps preview and program as OBS
      // does. The monitors follow its events, which come when the transition has ended: guessing the
      // swap here showed a wrong program whenever the studio did not take.
      await run('take', 'Take', async (s) => {
        await s.call('TriggerStudioModeTransition');
      });
    },
    async setTBar(position, release) {
      // Not busy-gated like a tap: the slider sends its newest position whenever the last one is answered.
      const s = session();
      if (!s) {
        showNotice(store, 'The T-bar needs a connection to the studio.');
        return false;
      }
      try {
        await s.call('SetTBarPosition', { position, release });
        return true;
      } catch (error) {
        const message = requestMessage(error, 'Moving the T-bar');
        console.warn(`[remote] ${message}`);
        showNotice(store, message);
        return false;
      }
    },
    async setStudioMode(enabled) {
      await run('studio-mode', enabled ? 'Studio mode' : 'Leaving studio mode', async (s) => {
        try {
          await s.call('SetStudioModeEnabled', { studioModeEnabled: enabled });
        } catch (error) {
          // The studio has no studio mode (yet): hide the controls rather than offer them again.
          if (enabled) store.setState({ studioMode: { supported: false, enabled: false } });
          throw error;
        }
        store.setState((st) => ({ studioMode: { ...st.studioMode, enabled } }));
      });
    },
    async startStream() {
      await run('stream', 'Going live', async (s) => {
        await s.call('StartStream');
        // StreamStateChanged may have overtaken the answer: only an idle stream becomes "starting".
        store.setState((st) => (st.stream.phase === 'idle' ? { stream: { ...st.stream, phase: 'starting', since: Date.now() } } : {}));
      });
    },
    async stopStream() {
      await run('stream', 'Stopping the stream', async (s) => {
        await s.call('StopStream');
        store.setState((st) => (st.stream.phase === 'idle' ? {} : { stream: { ...st.stream, phase: 'stopping', since: Date.now() } }));
      });
    },
    async startRecord() {
      await run('record', 'Starting the recording', async (s) => {
        await s.call('StartRecord');
        store.setState((st) => (st.record.active ? {} : { record: { ...st.record, changing: 'starting' } }));
      });
    },
    async stopRecord() {
      await run('record', 'Stopping the recording', async (s) => {
        await s.call('StopRecord');
        store.setState((st) => ({ record: { ...st.record, active: false, changing: null, path: null } }));
      });
    },
    startDestination: destinationAction('Start', 'Starting'),
    stopDestination: destinationAction('Stop', 'Stopping'),
    reconnectDestination: destinationAction('Reconnect', 'Reconnecting'),
    async toggleMute(inputName) {
      const current = store.getState().audio.find((a) => a.name === inputName);
      if (!current) return;
      // SetInputMute with the state the button promises, not ToggleInputMute: if another client
      // changed it a moment ago, a tap on "Muted" still unmutes rather than muting again.
      const inputMuted = !current.muted;
      await run(`mute:${inputName}`, `${inputMuted ? 'Muting' : 'Unmuting'} ${inputName}`, async (s) => {
        await s.call('SetInputMute', { inputName, inputMuted });
        store.setState((st) => ({ audio: st.audio.map((a) => (a.name === inputName ? { ...a, muted: inputMuted } : a)) }));
      });
    },
    saveText(inputName, text) {
      return run(`text:${inputName}`, `Saving ${inputName}`, async (s) => {
        await s.call('SetInputSettings', { inputName, inputSettings: { text }, overlay: true });
        store.setState((st) => ({ titles: st.titles.map((t) => (t.name === inputName ? { ...t, text } : t)) }));
      });
    },
    setGraphic(inputName, settings) {
      return run(`graphic:${inputName}`, `Changing ${inputName}`, async (s) => {
        await s.call('SetInputSettings', { inputName, inputSettings: settings as never, overlay: true });
      });
    },
    graphicRequest(inputName, requestType, data = {}) {
      return run(`graphic:${inputName}`, `${requestType} on ${inputName}`, async (s) => {
        await s.vendor(requestType, { inputName, ...data });
      });
    },
  };
}
