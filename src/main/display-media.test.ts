import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ desktopCapturer: { getSources: vi.fn() } }));
const { chooseSource } = await import('./display-media');

const sources = [
  { id: 'window:1:0', name: 'Editor' },
  { id: 'screen:0:0', name: 'Entire screen' },
  { id: 'screen:1:0', name: 'Screen 2' },
];

describe('chooseSource', () => {
  it('finds the remembered source by id, then by name, else the first screen', () => {
    expect(chooseSource(sources, { id: 'screen:1:0', name: 'x' })?.name).toBe('Screen 2');
    expect(chooseSource(sources, { id: 'window:9:0', name: 'Editor' })?.id).toBe('window:1:0');
    expect(chooseSource(sources, { id: 'gone', name: 'gone' })?.id).toBe('screen:0:0');
    expect(chooseSource(sources, null)?.id).toBe('screen:0:0');
    expect(chooseSource([], null)).toBeNull();
  });
});
