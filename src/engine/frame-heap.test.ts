import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { HEAP_GROWING_FLAG } from './frame-heap';

describe('growHeapForFrames', () => {
  it('names a flag this V8 knows (setFlagsFromString ignores an unknown one without a word)', () => {
    const options = spawnSync(process.execPath, ['--v8-options'], { encoding: 'utf8' }).stdout;
    expect(options).toMatch(new RegExp(`^\\s*${HEAP_GROWING_FLAG} `, 'm'));
  });
});
