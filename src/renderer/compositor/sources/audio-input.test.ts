import { describe, expect, it } from 'vitest';
import { AUDIO_INPUT } from '../../../shared';
import { describe as describeError } from './audio-capture';
import { micConstraints } from './audio-input';

describe('micConstraints', () => {
  it('turns the call-style processing off by default and follows the default device', () => {
    expect(micConstraints(AUDIO_INPUT.defaults)).toEqual({
      echoCancellation: false,
      noiseSuppression: false,
      autoGainControl: false,
      channelCount: { ideal: 2 },
      sampleRate: { ideal: 48000 },
    });
  });
  it('asks for exactly the chosen device, and each processing step only when it is on', () => {
    const c = micConstraints({ ...AUDIO_INPUT.defaults, device_id: 'abc123', noise_suppression: true });
    expect(c.deviceId).toEqual({ exact: 'abc123' });
    expect(c).toMatchObject({ echoCancellation: false, noiseSuppression: true, autoGainControl: false });
  });
});

describe('capture errors', () => {
  it('are told in words a person can act on', () => {
    expect(describeError(Object.assign(new Error('x'), { name: 'NotAllowedError' }))).toBe('permission to capture was refused');
    expect(describeError({ name: 'OverconstrainedError' })).toBe('the chosen device is not connected');
    expect(describeError(new Error('odd'))).toBe('odd');
  });
});
