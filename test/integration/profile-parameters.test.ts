/**
 * OBS's GetProfileParameter / SetProfileParameter against the real server mode studio, from
 * obs-websocket-js in both builds (msgpack, then JSON) on one studio, one after the other to stay
 * light: RecTracks and BaseCX/BaseCY set through SetProfileParameter read back through
 * GetProfileParameter, through OBS's own GetVideoSettings, and through the studio's own API (the
 * document its renderer sessions receive); a bad value is refused with the key and its range. No
 * compositor is started: these are engine settings only.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import OBSWebSocketMsgpack from 'obs-websocket-js';
import OBSWebSocketJson from 'obs-websocket-js/json';
import type { StudioDocument, StudioEvent } from '../../src/shared';
import { refused } from '../harness/in-process-remote';
import { connectStudio, type StudioClient } from '../harness/studio-client';
import { startStudioServer, type StudioServer } from '../harness/studio-server';

let server: StudioServer;
let studio: StudioClient;
let wsUrl: string;
let password: string;

beforeAll(async () => {
  server = await startStudioServer();
  studio = await connectStudio(server);
  const info = await studio.must('remote.info', {});
  wsUrl = info.url!;
  password = info.password!;
});

afterAll(async () => {
  studio?.close();
  await server?.stop();
  if (server) rmSync(server.dataDir, { recursive: true, force: true });
});

/** The studio's own view: the document its sessions are sent after every change. */
const documentWhere = async (check: (d: StudioDocument) => boolean): Promise<StudioDocument> => {
  const e = await studio.waitFor((ev: StudioEvent) => ev.type === 'document.changed' && check(ev.data.document));
  return (e as Extract<StudioEvent, { type: 'document.changed' }>).data.document;
};

const builds = [
  { name: 'msgpack', Client: OBSWebSocketMsgpack, tracks: [1, 3], mask: '5', width: 1920, height: 1080 },
  { name: 'json', Client: OBSWebSocketJson, tracks: [2, 4, 6], mask: '42', width: 1280, height: 720 },
] as const;

describe.each(builds)('profile parameters from obs-websocket-js $name', ({ Client, tracks, mask, width, height }) => {
  it('sets RecTracks and the canvas size, reads them back every way, and refuses a bad value', async () => {
    const obs = new Client();
    try {
      await obs.connect(wsUrl, password);
      const { availableRequests } = await obs.call('GetVersion');
      expect(availableRequests).toEqual(expect.arrayContaining(['GetProfileParameter', 'SetProfileParameter']));

      await obs.call('SetProfileParameter', { parameterCategory: 'AdvOut', parameterName: 'RecTracks', parameterValue: mask });
      await obs.call('SetProfileParameter', { parameterCategory: 'Video', parameterName: 'BaseCX', parameterValue: String(width) });
      await obs.call('SetProfileParameter', { parameterCategory: 'Video', parameterName: 'BaseCY', parameterValue: String(height) });

      expect(await obs.call('GetProfileParameter', { parameterCategory: 'AdvOut', parameterName: 'RecTracks' })).toEqual({
        parameterValue: mask,
        defaultParameterValue: '1',
      });
      expect(await obs.call('GetProfileParameter', { parameterCategory: 'Video', parameterName: 'BaseCX' })).toMatchObject({ parameterValue: String(width) });
      expect(await obs.call('GetProfileParameter', { parameterCategory: 'Video', parameterName: 'BaseCY' })).toMatchObject({ parameterValue: String(height) });
      expect(await obs.call('GetVideoSettings')).toMatchObject({ baseWidth: width, baseHeight: height });

      const doc = await documentWhere((d) => d.video.baseHeight === height && d.output.recording.tracks.join() === tracks.join());
      expect(doc.video.baseWidth).toBe(width);
      expect(doc.output.recording.tracks).toEqual(tracks);

      expect(await refused(obs.call('SetProfileParameter', { parameterCategory: 'AdvOut', parameterName: 'RecTracks', parameterValue: '0' }))).toEqual({
        code: 402,
        message: 'AdvOut/RecTracks must be a bitmask of tracks 1 to 6 (bit 0 = track 1), from 1 to 63; 0 is out of range.',
      });
      expect(await refused(obs.call('SetProfileParameter', { parameterCategory: 'Video', parameterName: 'BaseCX', parameterValue: 'wide' }))).toEqual({
        code: 400,
        message: 'Video/BaseCX must be a size in pixels from 64 to 4096, a multiple of 4; "wide" is not a whole number.',
      });
      // Unknown keys read as OBS answers them.
      expect(await obs.call('GetProfileParameter', { parameterCategory: 'Stream1', parameterName: 'Key' })).toEqual({
        parameterValue: null,
        defaultParameterValue: null,
      });
      expect(await obs.call('GetProfileParameter', { parameterCategory: 'AdvOut', parameterName: 'RecTracks' })).toMatchObject({ parameterValue: mask });
    } finally {
      await obs.disconnect();
    }
  });
});
