import { describe, expect, it } from 'vitest';
import { Status } from '../../../shared';
import { MB } from './disk-space';
import { lowSpaceError, recordingEnd, type RecorderExit } from './end-reason';

const file = '/media/usb/show.mkv';
const exit = (over: Partial<RecorderExit>): RecorderExit => ({ code: 1, signal: null, stderr: [], freeBytes: null, fileBytes: null, ...over });

describe('recordingEnd', () => {
  it('reads ENOSPC and quotas as a full disk, naming the folder and the free space', () => {
    const r = recordingEnd(file, exit({
      stderr: ['av_interleaved_write_frame(): No space left on device', 'Error writing trailer of /media/usb/show.mkv: No space left on device', 'Conversion failed!'],
      freeBytes: 12 * MB + 5,
    }));
    expect(r.kind).toBe('disk-full');
    expect(r.error).toEqual({
      code: Status.ActionFailed,
      message: 'Recording stopped: the disk holding /media/usb is full (12 MB free). The file is saved up to that point.',
    });
    expect(recordingEnd(file, exit({ stderr: ['[matroska @ 0x1] Disk quota exceeded'] })).kind).toBe('disk-full');
  });

  it('reads SIGXFSZ and EFBIG as the largest file the system allows', () => {
    const bySignal = recordingEnd(file, exit({ code: null, signal: 'SIGXFSZ', fileBytes: 4095 * MB }));
    expect(bySignal.kind).toBe('file-limit');
    expect(bySignal.error.message).toMatch(/^Recording stopped: the file reached the largest size .* allows for one file \(4095 MB\).*The file is saved up to that point\.$/);
    expect(recordingEnd(file, exit({ stderr: ['av_interleaved_write_frame(): File too large'] })).kind).toBe('file-limit');
  });

  it('tells a folder that cannot be written apart from a crash and from a kill', () => {
    expect(recordingEnd(file, exit({ stderr: ['/media/usb/show.mkv: Read-only file system'] })).error.message).toContain('the disk is read-only');
    expect(recordingEnd(file, exit({ stderr: ['/media/usb/show.mkv: Permission denied'] })).kind).toBe('not-writable');
    const killed = recordingEnd(file, exit({ code: null, signal: 'SIGKILL' }));
    expect(killed.kind).toBe('killed');
    expect(killed.error.message).toContain('SIGKILL from outside the studio');
    const other = recordingEnd(file, exit({ code: 69, stderr: ['[mpegts @ 0x1] Could not find codec parameters for stream 1', 'Conversion failed!'] }));
    expect(other.kind).toBe('input');
    expect(other.error.message).toContain('Could not find codec parameters for stream 1');
    const generic = recordingEnd(file, exit({ code: 3, stderr: ['something odd happened: failure 7'] }));
    expect(generic.error.message).toBe('Recording stopped: FFmpeg stopped unexpectedly (exit code 3): something odd happened: failure 7. The file is saved up to that point.');
  });

  it('says when the name was taken meanwhile (FFmpeg was told never to overwrite)', () => {
    const r = recordingEnd(file, exit({ stderr: ["File '/media/usb/show.mkv' already exists. Exiting."] }));
    expect(r.kind).toBe('exists');
    expect(r.error.message).toBe('Recording could not start: /media/usb/show.mkv already exists.');
  });
});

describe('lowSpaceError', () => {
  it('names the folder, the free and the required MB', () => {
    expect(lowSpaceError(file, 99 * MB, 100 * MB).message).toBe(
      'Recording stopped: the disk holding /media/usb is almost full (99 MB free, 100 MB required). The file is saved up to that point.',
    );
  });
});
