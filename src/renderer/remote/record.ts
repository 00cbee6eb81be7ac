/**
 * The recording and the machine's health: GetRecordStatus and GetStats every second,
 * RecordStateChanged as it happens (it names the file being written).
 */
import { errorCode } from './errors';
import { serial } from './serial';
import type { Session } from './session';
import type { RecordInfo, RemoteStore } from './store';

export const RECORD_POLL_MS = 1000;
const UNKNOWN_REQUEST = 204;

/** RecordStateChanged's outputState → the remote's record info. */
export function recordFromEvent(prev: RecordInfo, d: { outputActive: boolean; outputState: string; outputPath?: string | null }): RecordInfo {
  const changing = d.outputState === 'OBS_WEBSOCKET_OUTPUT_STARTING' ? 'starting' : d.outputState === 'OBS_WEBSOCKET_OUTPUT_STOPPING' ? 'stopping' : null;
  const path = d.outputPath ?? (d.outputActive ? prev.path : null);
  return { ...prev, active: d.outputActive, changing, path: d.outputState === 'OBS_WEBSOCKET_OUTPUT_STOPPED' ? null : path };
}

export function bindRecord(session: Session, store: RemoteStore): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setInterval> | null = null;
  let askRecord = true;
  let askStats = true;

  const poll = serial(async () => {
    if (askRecord) {
      try {
        const r = await session.call('GetRecordStatus');
        if (!stopped) {
          store.setState((s) => ({
            record: {
              ...s.record,
              active: r.outputActive,
              // The poll settles a change the events have not finished telling.
              changing: s.record.changing === 'starting' && r.outputActive ? null : s.record.changing === 'stopping' && !r.outputActive ? null : s.record.changing,
              timecode: r.outputTimecode,
              bytes: r.outputBytes,
              path: r.outputActive ? s.record.path : null,
            },
          }));
        }
      } catch (error) {
        if (errorCode(error) === UNKNOWN_REQUEST) askRecord = false;
      }
    }
    if (askStats) {
      try {
        const st = await session.call('GetStats');
        if (!stopped) {
          store.setState({
            health: { cpuPercent: st.cpuUsage, activeFps: st.activeFps, skippedFrames: st.outputSkippedFrames, laggedFrames: st.renderSkippedFrames },
          });
        }
      } catch (error) {
        if (errorCode(error) === UNKNOWN_REQUEST) askStats = false;
      }
    }
  });

  const off = session.on('RecordStateChanged', (d) => store.setState((s) => ({ record: recordFromEvent(s.record, d as never) })));
  void poll();
  timer = setInterval(() => void poll(), RECORD_POLL_MS);
  return () => {
    stopped = true;
    if (timer) clearInterval(timer);
    off();
  };
}
