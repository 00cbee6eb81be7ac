import { describe, expect, it } from 'vitest';
import { nameClash } from './templateNames';

const list = { builtIn: ['Twitch 1080p60 6000 kbps'], user: ['My 720p'] };

describe('nameClash', () => {
  it('finds a taken name the way the engine compares them: trimmed, case-blind', () => {
    expect(nameClash(list, ' my 720P ')).toEqual({ kind: 'user', name: 'My 720p' });
    expect(nameClash(list, 'twitch 1080p60 6000 KBPS')).toEqual({ kind: 'builtIn', name: 'Twitch 1080p60 6000 kbps' });
  });

  it('answers null for a free name', () => {
    expect(nameClash(list, 'My 1080p')).toBeNull();
    expect(nameClash({ builtIn: [], user: [] }, 'x')).toBeNull();
  });
});
