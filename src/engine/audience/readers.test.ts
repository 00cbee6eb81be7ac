import { describe, expect, it } from 'vitest';
import { jsonPathViewers, nginxRtmpViewers, srsViewers, streamRef } from './readers';

// The shape nginx-rtmp's `rtmp_stat all` writes: applications, their live streams, each stream's clients.
const NGINX = `<?xml version="1.0" encoding="utf-8" ?><rtmp><nginx_version>1.22.1</nginx_version><server>
<application><name>live</name><live>
<stream><name>show</name><time>5000</time><bw_in>0</bw_in>
<client><id>1</id><address>127.0.0.1</address><flashver>FMLE/3.0</flashver><publishing/><active/></client>
<client><id>2</id><address>127.0.0.1</address><flashver>LNX 9,0,124,2</flashver><active/></client>
<client><id>3</id><address>127.0.0.1</address><flashver>LNX 9,0,124,2</flashver></client>
<meta><video><width>1280</width></video></meta><nclients>3</nclients><publishing/><active/></stream>
<stream><name>other</name><client><id>4</id><publishing/></client><nclients>1</nclients></stream>
<nclients>4</nclients></live></application>
<application><name>vod</name><live><nclients>0</nclients></live></application>
</server></rtmp>`;

describe('audience readers', () => {
  it('counts the non-publishing clients of the stream in nginx-rtmp’s stat XML', () => {
    expect(nginxRtmpViewers(NGINX, { app: 'live', name: 'show' })).toEqual({ ok: true, value: 2 });
    expect(nginxRtmpViewers(NGINX, { app: 'live', name: 'other' })).toEqual({ ok: true, value: 0 });
    const missing = nginxRtmpViewers(NGINX, { app: 'live', name: 'nope' });
    expect(!missing.ok && missing.error.message).toMatch(/does not list this stream/);
    const app = nginxRtmpViewers(NGINX, { app: 'app2', name: 'show' });
    expect(!app.ok && app.error.message).toMatch(/no application "app2"/);
    const html = nginxRtmpViewers('<html>hi</html>', { app: 'live', name: 'show' });
    expect(!html.ok && html.error.message).toMatch(/not nginx-rtmp/);
  });

  it('takes SRS’s client count less the publisher', () => {
    const json = { code: 0, streams: [{ app: 'live', name: 'show', clients: 5, publish: { active: true } }, { app: 'live', name: 'idle', clients: 3, publish: { active: false } }] };
    expect(srsViewers(json, { app: 'live', name: 'show' })).toEqual({ ok: true, value: 4 });
    expect(srsViewers(json, { app: 'live', name: 'idle' })).toEqual({ ok: true, value: 3 });
    expect(srsViewers({ code: 0 }, { app: 'live', name: 'show' }).ok).toBe(false);
  });

  it('reads a count at a dot path, refusing what is not one', () => {
    const json = { data: { viewers: 42, list: [{ n: '7' }], bad: -1, text: 'many' } };
    expect(jsonPathViewers(json, 'data.viewers')).toEqual({ ok: true, value: 42 });
    expect(jsonPathViewers(json, 'data.list.0.n')).toEqual({ ok: true, value: 7 });
    for (const path of ['data.bad', 'data.text', 'data.none', 'data.viewers.x']) expect(jsonPathViewers(json, path).ok, path).toBe(false);
  });

  it('finds the application and stream name in a publish URL', () => {
    expect(streamRef('rtmp://h:1935/live/key?x=1')).toEqual({ app: 'live', name: 'key' });
    expect(streamRef('rtmps://h/app/inst/key')).toEqual({ app: 'app/inst', name: 'key' });
    expect(streamRef('rtmp://h/live')).toBeNull();
    expect(streamRef('srt://h:9000?streamid=k')).toBeNull();
  });
});
