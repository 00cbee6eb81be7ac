import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encoderErrorLine, explainFailure } from './explain';
import { MIDSTREAM } from './fixtures/composed';

const captured = (file: string): string[] =>
  readFileSync(new URL(`./fixtures/${file}`, import.meta.url), 'utf8')
    .split(/\r\n|\r|\n/)
    .filter((l) => l.trim() !== '');

describe('explainFailure on captured stderr', () => {
  it.each([
    ['h264_nvenc', 'nvenc-no-driver.log', 'No NVIDIA GPU/driver (cannot load libcuda.so.1)'],
    ['hevc_nvenc', 'hevc-nvenc-no-driver.log', 'No NVIDIA GPU/driver (cannot load libcuda.so.1)'],
    ['h264_qsv', 'qsv-no-device.log', 'No Intel Quick Sync device/driver (the MFX session could not start: unsupported (-3))'],
    ['h264_vaapi', 'vaapi-no-device.log', 'No VAAPI device at /dev/dri/renderD128 (missing, or this user may not open it)'],
    ['h264_bogus', 'unknown-encoder.log', 'it is not in this FFmpeg build'],
    ['libx264', 'x264-bad-preset.log', "x264 refused the settings (invalid preset 'nosuchpreset')"],
    ['h264_nvenc', 'nvenc-bad-option-value.log', 'FFmpeg rejected the encoder option rc=nosuchmode'],
  ])('%s / %s', (name, file, phrase) => {
    expect(explainFailure(name, captured(file))).toBe(phrase);
  });
});

describe('explainFailure on FFmpeg 5.1 message formats', () => {
  it.each([
    ['nvencEncodePicture', 'NVENC failed to encode (EncodePicture failed: generic error)'],
    ['nvencCuda', 'CUDA error CUDA_ERROR_LAUNCH_FAILED (unspecified launch failure)'],
    [
      'nvencSessionLimit',
      'The NVIDIA GPU refused a new encode session (out of memory); it may be out of memory or at its limit of simultaneous encodes',
    ],
    ['qsvDeviceLost', 'Quick Sync failed to encode (device lost, -17)'],
    ['vaapiEndPicture', 'The VAAPI driver failed to encode (internal encoding error)'],
    ['amfSubmit', 'The AMD encoder failed to encode (AMF error 18)'],
    [
      'videotoolboxSession',
      'VideoToolbox could not create a hardware encoder session (error -12908); the encoder may be busy or unsupported here',
    ],
  ])('%s', (id, phrase) => {
    const sample = MIDSTREAM[id]!;
    expect(explainFailure(sample.encoder, sample.lines)).toBe(phrase);
  });

  it('more NVIDIA start-up failures', () => {
    expect(explainFailure('h264_nvenc', ['[h264_nvenc @ 0x0] Cannot load libnvidia-encode.so.1'])).toBe(
      'The NVIDIA driver has no NVENC library (cannot load libnvidia-encode.so.1)',
    );
    expect(
      explainFailure('h264_nvenc', ['[h264_nvenc @ 0x0] Driver does not support the required nvenc API version. Required: 11.1 Found: 10.0']),
    ).toBe('The NVIDIA driver is too old for this FFmpeg (it offers NVENC API 10.0, FFmpeg needs 11.1); update the driver');
    expect(explainFailure('h264_amf', ['[h264_amf @ 0x0] DLL amfrt64.dll failed to open'])).toBe(
      'No AMD GPU/driver (cannot load the AMF runtime amfrt64.dll)',
    );
  });

  it('falls back to the encoder own line, then to the last error line, never to a URL', () => {
    expect(explainFailure('h264_qsv', ['[h264_qsv @ 0x0] Selected ratecontrol mode is unsupported', 'Conversion failed!'])).toBe(
      'h264_qsv reported: Selected ratecontrol mode is unsupported',
    );
    expect(explainFailure('x', ['Something odd failed here.', 'Conversion failed!'])).toBe('Something odd failed here');
    expect(explainFailure('x', ['Error writing trailer of rtmp://h/live/KEY: Broken pipe', 'Conversion failed!'])).toBe('x failed without saying why');
    expect(explainFailure('x', ['Error initializing output stream 0:0 -- Error while opening encoder for output stream #0:0'])).toBe(
      'FFmpeg could not open x and gave no reason',
    );
  });

  it('encoderErrorLine picks the encoder context or the hardware device context', () => {
    expect(encoderErrorLine(captured('vaapi-no-device.log'))).toBe('No VA display found for device /dev/dri/renderD128');
    expect(encoderErrorLine(['[libx264 @ 0x0] using cpu capabilities: MMX2 SSE2Fast'])).toBeNull();
    expect(encoderErrorLine(['[h264_nvenc @ 0x0] Cannot load libcuda.so.1'], 'h264_qsv')).toBeNull();
  });
});
