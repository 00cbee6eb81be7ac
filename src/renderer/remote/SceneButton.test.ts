import { describe, expect, it } from 'vitest';
import { middleCut } from './SceneButton';

describe('middleCut', () => {
  it('keeps short names whole and the start and end of long ones', () => {
    expect(middleCut('Interview')).toBe('Interview');
    const producer = middleCut('A scene with a really really long name that goes on and on for the producer');
    const replay = middleCut('A scene with a really really long name that goes on and on for the REPLAY');
    expect(producer).not.toBe(replay);
    expect(producer.endsWith('for the producer')).toBe(true);
    expect(producer.startsWith('A scene with')).toBe(true);
    expect([...producer].length).toBeLessThanOrEqual(44);
  });
});
