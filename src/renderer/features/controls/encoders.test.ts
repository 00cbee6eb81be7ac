import { describe, expect, it } from 'vitest';
import type { EncoderStatus } from '../../../shared';
import { AUTO_LABEL, KNOWN_ENCODERS, encoderOptions, encoderSummary } from './encoders';

const status = (probes: EncoderStatus['probes']): EncoderStatus => ({ probing: false, chosen: 'libx264', why: 'x', probes, fallback: null });

describe('encoderOptions', () => {
  it('offers automatic first, then each tested encoder, marking the ones that failed but keeping them', () => {
    const opts = encoderOptions(
      status([
        { name: 'h264_nvenc', listed: true, works: false, reason: 'no NVIDIA GPU found' },
        { name: 'libx264', listed: true, works: true, reason: 'test encode ok' },
      ]),
      'auto',
    );
    expect(opts).toEqual([
      { value: 'auto', label: AUTO_LABEL, works: true },
      { value: 'h264_nvenc', label: 'h264_nvenc (not available: no NVIDIA GPU found)', works: false },
      { value: 'libx264', label: 'libx264', works: true },
    ]);
  });

  it('uses the known encoders before the first probe, and always includes the current setting', () => {
    expect(encoderOptions(null, 'auto').map((o) => o.value)).toEqual(['auto', ...KNOWN_ENCODERS]);
    const opts = encoderOptions(status([{ name: 'libx264', listed: true, works: true, reason: 'ok' }]), 'h264_qsv');
    expect(opts.map((o) => o.value)).toEqual(['auto', 'libx264', 'h264_qsv']);
  });

  it('keeps a long reason to one line', () => {
    const [, opt] = encoderOptions(status([{ name: 'h264_vaapi', listed: false, works: false, reason: 'x'.repeat(300) }]), 'auto');
    expect(opt!.label.length).toBeLessThan(120);
    expect(opt!.label.endsWith('…)')).toBe(true);
  });
});

describe('encoderSummary', () => {
  it('says software or hardware', () => {
    expect(encoderSummary('libx264')).toBe('libx264 (software)');
    expect(encoderSummary('h264_nvenc')).toBe('h264_nvenc (hardware)');
    expect(encoderSummary('something_new')).toBe('something_new');
  });
});
