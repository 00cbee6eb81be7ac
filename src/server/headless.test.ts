import { describe, expect, it } from 'vitest';
import { chromiumArgs, extraChromiumArgs } from './headless';

describe('STUDIO_CHROMIUM_ARGS', () => {
  it('adds space-separated --flags before the page URL, and nothing else', () => {
    const extra = extraChromiumArgs({ STUDIO_CHROMIUM_ARGS: ' --use-fake-device-for-media-stream  --use-file-for-fake-video-capture=/tmp/c.y4m https://evil.example -- x' });
    expect(extra).toEqual(['--use-fake-device-for-media-stream', '--use-file-for-fake-video-capture=/tmp/c.y4m']);
    const args = chromiumArgs('http://127.0.0.1:1/', '/tmp/p', false, extra);
    expect(args.slice(-3)).toEqual([...extra, 'http://127.0.0.1:1/']);
    expect(extraChromiumArgs({})).toEqual([]);
  });
});
