import { describe, expect, it } from 'vitest';
import { goLiveSummary } from './goLive';
import type { DestinationInfo } from './store';

const dest = (name: string, enabled: boolean): DestinationInfo => ({ id: name, name, enabled, state: 'idle', bitrateKbps: 0, bytes: 0, reconnects: 0, dropped: 0, lastError: null, viewers: null });

describe('goLiveSummary', () => {
  it('lists the enabled destinations, as the studio starts them', () => {
    expect(goLiveSummary([dest('Twitch', true), dest('Backup', false), dest('YouTube', true)])).toEqual({
      names: ['Twitch', 'YouTube'],
      message: 'Goes live to 2 destinations:',
      confirmLabel: 'Go live to 2 destinations',
    });
    expect(goLiveSummary([dest('Twitch', true)]).confirmLabel).toBe('Go live to 1 destination');
  });

  it('says so when none is enabled, or the list is not known', () => {
    expect(goLiveSummary([dest('Backup', false)])).toMatchObject({ names: [], confirmLabel: 'Go live anyway' });
    expect(goLiveSummary(null).message).toMatch(/not loaded/);
  });
});
