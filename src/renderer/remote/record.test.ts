import { describe, expect, it } from 'vitest';
import { recordFromEvent } from './record';
import { IDLE_RECORD } from './store';

describe('RecordStateChanged in the remote', () => {
  it('follows starting, started with the file, stopping and stopped', () => {
    let r = recordFromEvent(IDLE_RECORD, { outputActive: false, outputState: 'OBS_WEBSOCKET_OUTPUT_STARTING', outputPath: null });
    expect(r).toMatchObject({ active: false, changing: 'starting', path: null });
    r = recordFromEvent(r, { outputActive: true, outputState: 'OBS_WEBSOCKET_OUTPUT_STARTED', outputPath: '/rec/a.mkv' });
    expect(r).toMatchObject({ active: true, changing: null, path: '/rec/a.mkv' });
    // A later event without a path keeps the file while it records.
    r = recordFromEvent(r, { outputActive: true, outputState: 'OBS_WEBSOCKET_OUTPUT_STOPPING', outputPath: null });
    expect(r).toMatchObject({ active: true, changing: 'stopping', path: '/rec/a.mkv' });
    r = recordFromEvent(r, { outputActive: false, outputState: 'OBS_WEBSOCKET_OUTPUT_STOPPED', outputPath: '/rec/a.mkv' });
    expect(r).toMatchObject({ active: false, changing: null, path: null });
  });
});
