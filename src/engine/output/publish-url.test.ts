import { describe, expect, it } from 'vitest';
import { splitPublishUrl } from './publish-url';

describe('splitPublishUrl', () => {
  it.each([
    // The common shape: the app stays in argv, the key goes.
    ['rtmp://h:1935/live/key-1', 'rtmp://h:1935/live', [['rtmp_app', 'live'], ['rtmp_playpath', 'key-1']]],
    ['rtmps://a.rtmps.youtube.com/live2/ab-cd', 'rtmps://a.rtmps.youtube.com/live2', [['rtmp_app', 'live2'], ['rtmp_playpath', 'ab-cd']]],
    // A query after the key belongs to the stream name.
    ['rtmps://h:443/rtmp/FB-1?s_bl=1&a=x', 'rtmps://h:443/rtmp', [['rtmp_app', 'rtmp'], ['rtmp_playpath', 'FB-1?s_bl=1&a=x']]],
    // An application instance: FFmpeg takes two segments as the app.
    ['rtmp://h/app/inst/key', 'rtmp://h/', [['rtmp_app', 'app/inst'], ['rtmp_playpath', 'key']]],
    ['rtmp://h/app/k1/k2/k3', 'rtmp://h/', [['rtmp_app', 'app/k1'], ['rtmp_playpath', 'k2/k3']]],
    // ...unless a ':' comes before the second '/'.
    ['rtmp://h/app/mp4:dir/file', 'rtmp://h/app', [['rtmp_app', 'app'], ['rtmp_playpath', 'mp4:dir/file']]],
    // The key only in the query: FFmpeg makes it part of the app and publishes an empty name.
    ['rtmp://h/live?token=abc', 'rtmp://h/', [['rtmp_app', 'live?token=abc']]],
    // Wowza's slist form.
    ['rtmp://h/app?slist=key&x=1', 'rtmp://h/', [['rtmp_app', 'app?slist=key&x=1'], ['rtmp_playpath', 'key']]],
    ['rtmp://h/ondemand/file', 'rtmp://h/', [['rtmp_app', 'ondemand'], ['rtmp_playpath', 'file']]],
    // FFmpeg's stream-name rules for file-like names.
    ['rtmp://h/live/key.flv', 'rtmp://h/live', [['rtmp_app', 'live'], ['rtmp_playpath', 'key']]],
    ['rtmp://h/live/clip.mp4', 'rtmp://h/live', [['rtmp_app', 'live'], ['rtmp_playpath', 'mp4:clip.mp4']]],
    ['rtmp://h/live/a:clip.mp4', 'rtmp://h/live', [['rtmp_app', 'live'], ['rtmp_playpath', 'a:clip.mp4']]],
    // No key at all: nothing to hide but the app stays where FFmpeg reads it.
    ['rtmp://h//key', 'rtmp://h/', [['rtmp_playpath', 'key']]],
    // User info is the one part FFmpeg takes only from the URL.
    ['rtmp://bob:pw@h/live/key', 'rtmp://bob:pw@h/live', [['rtmp_app', 'live'], ['rtmp_playpath', 'key']]],
  ])('RTMP %s → %s', (url, argv, options) => {
    expect(splitPublishUrl(url, url.startsWith('rtmps') ? 'rtmps' : 'rtmp')).toEqual({ url: argv, options });
  });

  it.each([
    ['srt://h:9000?streamid=k1', 'srt://h:9000', [['streamid', 'k1']]],
    // Other parameters keep their place and spelling; the secrets leave, decoded.
    [
      'srt://h:9000?latency=200000&streamid=%23!%3A%3Ar%3Dlive%2Fk&passphrase=a+b%2Bc12345&pbkeylen=16',
      'srt://h:9000?latency=200000&pbkeylen=16',
      [['streamid', '#!::r=live/k'], ['passphrase', 'a b+c12345']],
    ],
    // FFmpeg reads the first of repeated parameters.
    ['srt://h:9000?streamid=a&streamid=b', 'srt://h:9000', [['streamid', 'a']]],
    ['srt://u:p@h:9000?mode=caller', 'srt://h:9000?mode=caller', []],
    ['srt://h:9000', 'srt://h:9000', []],
  ])('SRT %s → %s', (url, argv, options) => {
    expect(splitPublishUrl(url, 'srt')).toEqual({ url: argv, options });
  });
});
