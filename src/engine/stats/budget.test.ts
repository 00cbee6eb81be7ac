import { describe, expect, it } from 'vitest';
import type { Destination, StudioDocument } from '../../shared';
import { blankDocument } from '../document/defaults';
import { bandwidthBudget, formatKbps } from './budget';

let n = 0;
const dest = (name: string, patch: Partial<Destination> = {}): Destination => ({
  id: `d${++n}`,
  name,
  enabled: true,
  server: 'rtmp://example.invalid/live',
  hasKey: true,
  preset: 'custom',
  audioOnly: false,
  rendition: null,
  audioTrack: 1,
  signing: null,
  audience: null,
  ...patch,
});

/** Main encoding 6000 + 160 kbps at 1280×720. */
function doc(destinations: Destination[], uplinkKbps = 0): StudioDocument {
  const d = blankDocument(() => 'x');
  return { ...d, destinations, output: { ...d.output, uplinkKbps, encoder: { ...d.output.encoder, bitrateKbps: 6000, audioBitrateKbps: 160 } } };
}

describe('bandwidthBudget', () => {
  it('sums each enabled destination: its rendition video + audio + 5 % overhead', () => {
    const b = bandwidthBudget(
      doc([
        dest('Twitch'),
        dest('YouTube', { rendition: { bitrateKbps: 3000, height: 480 } }),
        dest('Radio', { audioOnly: true, rendition: { bitrateKbps: 3000 } }),
        dest('Kick', { rendition: { height: 480 } }), // no bitrate of its own: keeps the main 6000
        dest('Off', { enabled: false }),
      ]),
    );
    expect(b.perDestination.map((d) => [d.name, d.kbps])).toEqual([
      ['Twitch', Math.round(6160 * 1.05)],
      ['YouTube', Math.round(3160 * 1.05)],
      ['Radio', Math.round(160 * 1.05)],
      ['Kick', Math.round(6160 * 1.05)],
    ]);
    expect(b.requiredKbps).toBe(6468 + 3318 + 168 + 6468);
    expect(b.uplinkKbps).toBeNull();
    expect(b.fits).toBeNull();
    expect(b.message).toBe('Your 4 destinations need 16.4 Mbps together. Enter your uplink (the upload speed a speed test shows) to check that it fits.');
  });

  it('counts a shared rendition once per destination: each uploads its own copy', () => {
    const b = bandwidthBudget(doc([dest('A'), dest('B')], 10_000));
    expect(b.requiredKbps).toBe(2 * 6468);
    expect(b.fits).toBe(false);
    expect(b.message).toBe(
      'Your 2 destinations need 12.9 Mbps together but your uplink is 10 Mbps. Lower the bitrates, give some destinations a smaller rendition, or stream to fewer destinations.',
    );
  });

  it('fits up to 80 % of the uplink and warns about missing headroom above it', () => {
    // 6468 kbps: fits 8085 (80.0 %), not 8000 (80.9 %).
    const fits = bandwidthBudget(doc([dest('Twitch')], 8085));
    expect(fits.fits).toBe(true);
    expect(fits.message).toBe('Your destination needs 6.5 Mbps; your uplink of 8.1 Mbps has room for that.');
    const tight = bandwidthBudget(doc([dest('Twitch')], 8000));
    expect(tight.fits).toBe(false);
    expect(tight.uplinkKbps).toBe(8000);
    expect(tight.message).toMatch(/^Your destination needs 6\.5 Mbps and your uplink is 8 Mbps: that leaves less than the 20 % headroom/);
    expect(tight.message).toMatch(/Lower the bitrate or give the destination a smaller rendition\.$/);
  });

  it('needs nothing without enabled destinations', () => {
    expect(bandwidthBudget(doc([dest('Off', { enabled: false })], 5000))).toMatchObject({ requiredKbps: 0, fits: true, perDestination: [] });
    expect(bandwidthBudget(doc([])).fits).toBeNull();
  });

  it('writes kbps below 1000 and Mbps with one decimal above', () => {
    expect(formatKbps(950)).toBe('950 kbps');
    expect(formatKbps(10_000)).toBe('10 Mbps');
    expect(formatKbps(13_140)).toBe('13.1 Mbps');
  });
});
