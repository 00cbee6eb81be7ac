import { describe, expect, it } from 'vitest';
import { DEFAULT_TRANSFORM, type StudioDocument } from '../../../shared';
import { X264_PRESETS, blankDestination, draftFrom, draftSize, planParts, planSave, rebaseDraft, type SettingsDraft } from './settingsForm';

const doc = (over: Partial<StudioDocument> = {}): StudioDocument => ({
  version: 1,
  revision: 3,
  scenes: [{ uuid: 's', name: 'Scene', items: [{ sceneItemId: 1, sourceUuid: 'i', enabled: true, locked: false, transform: DEFAULT_TRANSFORM }], nextItemId: 2, filters: [] }],
  inputs: [],
  currentSceneUuid: 's',
  studioMode: false,
  previewSceneUuid: 's',
  video: { baseWidth: 1280, baseHeight: 720, outputWidth: 1280, outputHeight: 720, fpsNumerator: 30, fpsDenominator: 1 },
  output: {
    ffmpegPath: '',
    screenshots: { enabled: false, intervalSec: 10, folder: '', format: 'jpeg', maxWidth: 1280, keep: 360 },
    recording: { folder: '', format: 'mkv', filenamePattern: '%CCYY-%MM-%DD %hh-%mm-%ss', remuxToMp4: false, minFreeMb: 500, tracks: [1] },
    uplinkKbps: 0,
    templates: [],
    encoder: { encoder: 'libx264', rateControl: 'CBR', bitrateKbps: 2500, keyframeIntervalSec: 2, preset: 'veryfast', profile: 'main', bFrames: 0, audioBitrateKbps: 128 },
  },
  destinations: [],
  webhooks: [],
  hotkeys: [],
  remoteControl: { tls: false, allowedOrigins: [] },
  ...over,
});

const saved = (over: Partial<StudioDocument['destinations'][number]> = {}): StudioDocument['destinations'][number] => ({
  id: 'd1',
  name: 'x',
  enabled: true,
  server: 'rtmp://a/live',
  hasKey: true,
  preset: 'custom',
  audioOnly: false,
  rendition: null,
  audioTrack: 1,
  signing: null,
  audience: null,
  ...over,
});

/** The draft with its first destination row changed. */
const withFirst = (d: SettingsDraft, patch: Partial<SettingsDraft['destinations'][number]>): SettingsDraft => ({
  ...d,
  destinations: [{ ...d.destinations[0]!, ...patch }, ...d.destinations.slice(1)],
});

describe('settings draft', () => {
  it('reads presets and custom sizes', () => {
    expect(draftFrom(doc()).resolution).toBe('1280x720');
    const custom = draftFrom(doc({ video: { baseWidth: 1000, baseHeight: 500, outputWidth: 1000, outputHeight: 500, fpsNumerator: 60000, fpsDenominator: 1001 } }));
    expect(custom.resolution).toBe('custom');
    expect(draftSize(custom)).toEqual({ width: '1000', height: '500' });
    expect(custom.fps).toBe('59.94');
  });

  it('never carries the stored key, and offers one blank row when nothing is saved', () => {
    const d = draftFrom(doc({ destinations: [saved({ rendition: { bitrateKbps: 900, height: 480 }, signing: { scheme: 'auth_key', offsetSeconds: 30, hasSigningKey: true } })] }));
    expect(d.destinations).toEqual([
      {
        id: 'd1',
        row: 'd1',
        name: 'x',
        preset: 'custom',
        server: 'rtmp://a/live',
        key: '',
        enabled: true,
        audioOnly: false,
        audioTrack: 1,
        bitrate: '900',
        width: '',
        height: '480',
        // The signing key is never in the draft either: only that one is stored.
        signScheme: 'auth_key',
        signKey: '',
        signOffset: '30',
        audienceKind: '',
        audienceUrl: '',
        audiencePath: '',
      },
    ]);
    const blank = draftFrom(doc()).destinations;
    expect(blank).toHaveLength(1);
    expect(blank[0]).toMatchObject({ id: null, server: '', key: '', preset: 'custom', enabled: true });
  });
});

describe('planSave', () => {
  it('sends nothing when nothing changed', () => {
    const d = doc();
    expect(planSave(d, draftFrom(d))).toEqual({ ok: true, plan: {} });
  });

  it('creates the first destination, with the key only when typed', () => {
    const d = doc();
    const draft = draftFrom(d);
    const row = draft.destinations[0]!.row;
    const r = planSave(d, withFirst(draft, { server: ' rtmp://127.0.0.1/live/inline-key ' }));
    expect(r).toEqual({ ok: true, plan: { destinations: [{ row, args: { name: 'Custom RTMP', server: 'rtmp://127.0.0.1/live/inline-key', enabled: true } }] } });
    const withKey = planSave(d, withFirst(draft, { server: 'rtmp://h/live', key: 'abc' }));
    expect(withKey.ok && withKey.plan.destinations?.[0]?.args.key).toBe('abc');
    const onTrack3 = planSave(d, withFirst(draft, { server: 'rtmp://h/live', key: 'abc', audioTrack: 3 }));
    expect(onTrack3.ok && onTrack3.plan.destinations?.[0]?.args.audioTrack).toBe(3);
  });

  it('updates an existing destination by id, sending only what changed', () => {
    const d = doc({ destinations: [saved()] });
    const draft = draftFrom(d);
    const plan = (patch: Partial<SettingsDraft['destinations'][number]>) => {
      const r = planSave(d, withFirst(draft, patch));
      return r.ok ? r.plan.destinations?.[0]?.args : r.errors;
    };
    expect(plan({ server: 'rtmp://b/live' })).toEqual({ id: 'd1', server: 'rtmp://b/live' });
    expect(plan({ key: 'k2' })).toEqual({ id: 'd1', key: 'k2' });
    expect(plan({ enabled: false, audioOnly: true })).toEqual({ id: 'd1', enabled: false, audioOnly: true });
    expect(plan({ audioTrack: 2 })).toEqual({ id: 'd1', audioTrack: 2 });
    expect(draftFrom(doc({ destinations: [saved({ audioTrack: 5 })] })).destinations[0]!.audioTrack).toBe(5);
    expect(plan({ bitrate: '1500', width: '640' })).toEqual({ id: 'd1', rendition: { bitrateKbps: 1500, width: 640 } });
    const withRendition = doc({ destinations: [saved({ rendition: { bitrateKbps: 1500 } })] });
    const cleared = planSave(withRendition, withFirst(draftFrom(withRendition), { bitrate: '' }));
    expect(cleared.ok && cleared.plan.destinations).toEqual([{ row: 'd1', args: { id: 'd1', rendition: null } }]);
  });

  it('adds more destinations from presets, named after the platform, and skips blank rows', () => {
    const d = doc({ destinations: [saved()] });
    const draft = draftFrom(d);
    const twitch = { ...blankDestination(), preset: 'twitch', server: 'rtmp://live.twitch.tv/app', key: 'live_123' };
    const custom = { ...blankDestination(), server: 'rtmp://c/live', key: 'k' };
    const custom2 = { ...blankDestination(), server: 'srt://d:9000' };
    const r = planSave(doc({ destinations: [saved({ name: 'Custom RTMP' })] }), { ...draft, destinations: [...draft.destinations, twitch, blankDestination(), custom, custom2] });
    expect(r).toEqual({
      ok: true,
      plan: {
        destinations: [
          { row: 'd1', args: { id: 'd1', name: 'x' } },
          { row: twitch.row, args: { name: 'Twitch', server: 'rtmp://live.twitch.tv/app', enabled: true, preset: 'twitch', key: 'live_123' } },
          // Default names never repeat one in use.
          { row: custom.row, args: { name: 'Custom RTMP 2', server: 'rtmp://c/live', enabled: true, key: 'k' } },
          { row: custom2.row, args: { name: 'Custom RTMP 3', server: 'srt://d:9000', enabled: true } },
        ],
      },
    });
    expect(planSave(d, { ...draft, destinations: [...draft.destinations, twitch] })).toMatchObject({ ok: true, plan: { destinations: [{ row: twitch.row }] } });
  });

  it('refuses a bad server or rendition with an error on that row and field', () => {
    const d = doc({ destinations: [saved()] });
    const r = planSave(d, withFirst(draftFrom(d), { server: 'http://x/live', width: '641', bitrate: '5' }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.field)).toEqual(['dest:d1:server', 'dest:d1:bitrate', 'dest:d1:width']);
  });

  it('sends video with output size equal to the base size', () => {
    const d = doc();
    const r = planSave(d, { ...draftFrom(d), resolution: '1920x1080', fps: '60' });
    expect(r).toEqual({
      ok: true,
      plan: { video: { baseWidth: 1920, baseHeight: 1080, outputWidth: 1920, outputHeight: 1080, fpsNumerator: 60, fpsDenominator: 1 } },
    });
  });

  it('keeps a fractional frame rate that was not touched', () => {
    const d = doc({ video: { baseWidth: 1280, baseHeight: 720, outputWidth: 1280, outputHeight: 720, fpsNumerator: 60000, fpsDenominator: 1001 } });
    expect(planSave(d, draftFrom(d))).toEqual({ ok: true, plan: {} });
    const r = planSave(d, { ...draftFrom(d), resolution: '848x480' });
    expect(r.ok && r.plan.video).toEqual({ baseWidth: 848, baseHeight: 480, outputWidth: 848, outputHeight: 480, fpsNumerator: 60000, fpsDenominator: 1001 });
  });

  it('sends only the changed encoder fields', () => {
    const d = doc();
    const r = planSave(d, { ...draftFrom(d), bitrate: '6000', profile: 'high' });
    expect(r).toEqual({ ok: true, plan: { encoder: { bitrateKbps: 6000, profile: 'high' } } });
  });

  it('plans periodic screenshots, and names the field of a bad value', () => {
    const d = doc();
    expect(planSave(d, { ...draftFrom(d), shotsEnabled: true, shotsInterval: '5', shotsFolder: '/srv/shots', shotsFormat: 'png' })).toEqual({
      ok: true,
      plan: { screenshots: { enabled: true, intervalSec: 5, folder: '/srv/shots', format: 'png' } },
    });
    const bad = planSave(d, { ...draftFrom(d), shotsInterval: '0', shotsKeep: '-1', shotsFolder: 'relative' });
    expect(bad.ok ? [] : bad.errors.map((e) => e.field)).toEqual(['shotsInterval', 'shotsKeep', 'shotsFolder']);
    expect(bad.ok ? '' : bad.errors[0]!.message).toBe('Interval must be a whole number of seconds from 1 to 3600.');
  });

  it('refuses out-of-range numbers with field errors', () => {
    const d = doc();
    const r = planSave(d, { ...draftFrom(d), resolution: 'custom', width: '4100', height: 'x', bitrate: '0', keyframe: '' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.field)).toEqual(['width', 'height', 'bitrate', 'keyframe']);
  });
});

describe('encoder fields', () => {
  it('reads every encoder setting into the draft as text', () => {
    expect(draftFrom(doc())).toMatchObject({ encoder: 'libx264', rateControl: 'CBR', bitrate: '2500', keyframe: '2', preset: 'veryfast', profile: 'main', bFrames: '0', audioBitrate: '128' });
  });

  it('offers every x264 preset the engine accepts', () => {
    expect(X264_PRESETS).toEqual(['ultrafast', 'superfast', 'veryfast', 'faster', 'fast', 'medium', 'slow', 'slower', 'veryslow', 'placebo']);
  });

  it('plans only the encoder fields that changed', () => {
    const d = doc();
    const r = planSave(d, { ...draftFrom(d), encoder: 'auto', rateControl: 'VBR', bFrames: '2', audioBitrate: '192', preset: 'slow' });
    expect(r).toEqual({ ok: true, plan: { encoder: { encoder: 'auto', rateControl: 'VBR', preset: 'slow', bFrames: 2, audioBitrateKbps: 192 } } });
    // An encoder whose probe failed is still a choice: the engine falls back and says why.
    const hw = planSave(d, { ...draftFrom(d), encoder: 'h264_nvenc' });
    expect(hw).toEqual({ ok: true, plan: { encoder: { encoder: 'h264_nvenc' } } });
  });

  it('holds the engine limits: whole-second keyframes 1..20, bitrate 200..50000, B-frames 0..4, listed audio bitrates', () => {
    const d = doc();
    const fields = (patch: Partial<SettingsDraft>) => {
      const r = planSave(d, { ...draftFrom(d), ...patch });
      return r.ok ? [] : r.errors.map((e) => e.field);
    };
    expect(fields({ keyframe: '2.5' })).toEqual(['keyframe']);
    expect(fields({ keyframe: '0' })).toEqual(['keyframe']);
    expect(fields({ keyframe: '21' })).toEqual(['keyframe']);
    expect(fields({ keyframe: '20' })).toEqual([]);
    expect(fields({ bitrate: '150' })).toEqual(['bitrate']);
    expect(fields({ bitrate: '60000' })).toEqual(['bitrate']);
    expect(fields({ bitrate: '200' })).toEqual([]);
    expect(fields({ bFrames: '5' })).toEqual(['bFrames']);
    expect(fields({ audioBitrate: '100' })).toEqual(['audioBitrate']);
    expect(fields({ audioBitrate: '320' })).toEqual([]);
  });
});

describe('rebaseDraft', () => {
  const applied = (d: StudioDocument): StudioDocument => ({
    ...d,
    revision: d.revision + 1,
    video: { ...d.video, fpsNumerator: 60 },
    output: { ...d.output, encoder: { ...d.output.encoder, encoder: 'auto', bitrateKbps: 6000, bFrames: 2, profile: 'high' } },
  });

  it('lets untouched fields follow a change made elsewhere (a template applied)', () => {
    const before = doc();
    const after = applied(before);
    const rebased = rebaseDraft(draftFrom(before), before, after);
    expect(rebased).toMatchObject({ encoder: 'auto', bitrate: '6000', bFrames: '2', profile: 'high', fps: '60' });
    // Nothing left to save: the draft is the document again.
    expect(planSave(after, rebased)).toEqual({ ok: true, plan: {} });
  });

  it('keeps what the user typed, and the destination rows as they are', () => {
    const before = doc();
    const draft = withFirst({ ...draftFrom(before), bitrate: '4000' }, { server: 'rtmp://typed/live' });
    const rebased = rebaseDraft(draft, before, applied(before));
    expect(rebased.bitrate).toBe('4000');
    expect(rebased.profile).toBe('high');
    expect(rebased.destinations).toBe(draft.destinations);
  });

  it('answers the same draft when nothing it shows changed', () => {
    const before = doc();
    const draft = draftFrom(before);
    expect(rebaseDraft(draft, before, { ...before, revision: 9 })).toBe(draft);
  });

  it('catches a missing stream key when the destination is saved, naming it, beside the key', () => {
    const d = doc();
    const draft = draftFrom(d);
    const row = draft.destinations[0]!.row;
    const twitch = planParts(d, withFirst(draft, { preset: 'twitch', name: 'My Twitch', server: 'rtmp://live.twitch.tv/app', key: '  ' }));
    expect(twitch.plan.destinations).toBeUndefined();
    expect(twitch.errors).toEqual([{ field: `dest:${row}:key`, message: 'My Twitch has no stream key: enter the key your platform gave you.' }]);
    // A saved one without a key is caught too when it is changed; one with a stored key is not.
    const keyless = doc({ destinations: [saved({ name: 'Backup', hasKey: false })] });
    expect(planParts(keyless, withFirst(draftFrom(keyless), { enabled: false })).errors[0]?.message).toMatch(/^Backup has no stream key/);
    const keyed = doc({ destinations: [saved({ name: 'Backup' })] });
    expect(planParts(keyed, withFirst(draftFrom(keyed), { enabled: false })).errors).toEqual([]);
  });

  it('sets base and output size apart, any shape up to 4096 × 4096', () => {
    const d = doc();
    const vertical = planSave(d, { ...draftFrom(d), resolution: '1080x1920', outResolution: '720x1280' });
    expect(vertical.ok && vertical.plan.video).toEqual({ baseWidth: 1080, baseHeight: 1920, outputWidth: 720, outputHeight: 1280, fpsNumerator: 30, fpsDenominator: 1 });
    const ultrawide = planSave(d, { ...draftFrom(d), resolution: '3440x1440', outResolution: 'custom', outWidth: '2580', outHeight: '1080' });
    expect(ultrawide.ok && ultrawide.plan.video).toMatchObject({ baseWidth: 3440, baseHeight: 1440, outputWidth: 2580, outputHeight: 1080 });
    const biggest = planSave(d, { ...draftFrom(d), resolution: 'custom', width: '4096', height: '4096' });
    expect(biggest.ok && biggest.plan.video).toMatchObject({ baseWidth: 4096, baseHeight: 4096, outputWidth: 4096, outputHeight: 4096 });
    const scaled = doc({ video: { baseWidth: 2560, baseHeight: 1440, outputWidth: 1280, outputHeight: 720, fpsNumerator: 30, fpsDenominator: 1 } });
    expect(draftFrom(scaled)).toMatchObject({ resolution: '2560x1440', outResolution: '1280x720' });
    expect(draftFrom(doc()).outResolution).toBe('same');
  });

  it('refuses a size out of range or of the wrong step with the range named, and still plans the rest', () => {
    const d = doc();
    const r = planParts(d, { ...draftFrom(d), resolution: 'custom', width: '4100', height: '1080', outResolution: 'custom', outWidth: '1281', outHeight: '720', bitrate: '6000' });
    expect(r.errors).toEqual([
      { field: 'width', message: 'Base width must be a multiple of 4 from 64 to 4096.' },
      { field: 'outWidth', message: 'Output width must be an even number from 64 to 4096.' },
    ]);
    expect(r.plan).toEqual({ encoder: { bitrateKbps: 6000 } });
  });
});

describe('signed URL, audience and replay buffer fields', () => {
  const errorsOf = (r: ReturnType<typeof planSave>) => (r.ok ? [] : r.errors.map((e) => e.field));

  it('sends a new signing rule with its key, and later changes without the key', () => {
    const d = doc({ destinations: [saved()] });
    const r = planSave(d, withFirst(draftFrom(d), { signScheme: 'hmac_sha256', signKey: 'k3y', signOffset: '60' }));
    expect(r).toEqual({ ok: true, plan: { destinations: [{ row: 'd1', args: { id: 'd1', signing: { scheme: 'hmac_sha256', offsetSeconds: 60, privateKey: 'k3y' } } }] } });
    const stored = doc({ destinations: [saved({ signing: { scheme: 'hmac_sha256', offsetSeconds: 60, hasSigningKey: true } })] });
    expect(planSave(stored, draftFrom(stored))).toEqual({ ok: true, plan: {} });
    const moved = planSave(stored, withFirst(draftFrom(stored), { signOffset: '-120' }));
    expect(moved).toEqual({ ok: true, plan: { destinations: [{ row: 'd1', args: { id: 'd1', signing: { scheme: 'hmac_sha256', offsetSeconds: -120 } } }] } });
    expect(planSave(stored, withFirst(draftFrom(stored), { signScheme: '' }))).toEqual({ ok: true, plan: { destinations: [{ row: 'd1', args: { id: 'd1', signing: null } }] } });
  });

  it('refuses signing without a key, an offset out of range, or an SRT server, beside each field', () => {
    const d = doc({ destinations: [saved()] });
    expect(errorsOf(planSave(d, withFirst(draftFrom(d), { signScheme: 'auth_key' })))).toEqual(['dest:d1:signKey']);
    const r = planParts(d, withFirst(draftFrom(d), { signScheme: 'auth_key', signKey: 'k', signOffset: '90000' }));
    expect(r.errors).toEqual([{ field: 'dest:d1:signOffset', message: 'Offset must be a whole number of seconds from -86400 to 86400.' }]);
    expect(errorsOf(planSave(d, withFirst(draftFrom(d), { signScheme: 'auth_key', signKey: 'has space' })))).toEqual(['dest:d1:signKey']);
    const srt = doc({ destinations: [saved({ server: 'srt://a:9000' })] });
    expect(errorsOf(planSave(srt, withFirst(draftFrom(srt), { signScheme: 'auth_key', signKey: 'k' })))).toEqual(['dest:d1:signScheme']);
  });

  it('a refused signing field does not hold back the rest of the row', () => {
    const d = doc({ destinations: [saved()] });
    const r = planParts(d, withFirst(draftFrom(d), { name: 'renamed', signScheme: 'auth_key', signOffset: 'x' }));
    expect(r.plan.destinations).toEqual([{ row: 'd1', args: { id: 'd1', name: 'renamed' } }]);
    expect(r.errors.map((e) => e.field)).toEqual(['dest:d1:signKey', 'dest:d1:signOffset']);
  });

  it('sends an audience source; http(s) only, and a JSON source needs its path', () => {
    const d = doc({ destinations: [saved()] });
    const json = planSave(d, withFirst(draftFrom(d), { audienceKind: 'json', audienceUrl: ' https://api.example.com/stats ', audiencePath: 'data.viewers' }));
    expect(json).toEqual({ ok: true, plan: { destinations: [{ row: 'd1', args: { id: 'd1', audience: { kind: 'json', url: 'https://api.example.com/stats', path: 'data.viewers' } } }] } });
    expect(errorsOf(planSave(d, withFirst(draftFrom(d), { audienceKind: 'srs', audienceUrl: 'ftp://x/' })))).toEqual(['dest:d1:audienceUrl']);
    expect(errorsOf(planSave(d, withFirst(draftFrom(d), { audienceKind: 'json', audienceUrl: 'http://x/', audiencePath: ' ' })))).toEqual(['dest:d1:audiencePath']);
    const withSource = doc({ destinations: [saved({ audience: { kind: 'nginx_rtmp', url: 'http://x/stat' } })] });
    expect(planSave(withSource, draftFrom(withSource))).toEqual({ ok: true, plan: {} });
    expect(planSave(withSource, withFirst(draftFrom(withSource), { audienceKind: '' }))).toEqual({ ok: true, plan: { destinations: [{ row: 'd1', args: { id: 'd1', audience: null } }] } });
  });

  it('creates a destination with its signing rule and audience source in one upsert', () => {
    const d = doc();
    const draft = draftFrom(d);
    const row = draft.destinations[0]!.row;
    const r = planSave(d, withFirst(draft, { server: 'rtmp://h/app/key', signScheme: 'auth_key', signKey: 'k', audienceKind: 'nginx_rtmp', audienceUrl: 'http://h/stat' }));
    expect(r).toEqual({
      ok: true,
      plan: {
        destinations: [
          { row, args: { name: 'Custom RTMP', server: 'rtmp://h/app/key', enabled: true, signing: { scheme: 'auth_key', offsetSeconds: 0, privateKey: 'k' }, audience: { kind: 'nginx_rtmp', url: 'http://h/stat' } } },
        ],
      },
    });
  });

  it('replay buffer: OBS defaults when unset, range checked, only changes sent', () => {
    const d = doc();
    const draft = draftFrom(d);
    expect(draft).toMatchObject({ replaySeconds: '20', replayMb: '512' });
    expect(planSave(d, { ...draft, replaySeconds: '60' })).toEqual({ ok: true, plan: { replay: { replayMaxSeconds: 60 } } });
    const r = planParts(d, { ...draft, replaySeconds: '21601', replayMb: '0' });
    expect(r.errors).toEqual([
      { field: 'replaySeconds', message: 'Replay length must be a whole number of seconds from 1 to 21600.' },
      { field: 'replayMb', message: 'Replay memory must be a whole number of MB from 1 to 16384.' },
    ]);
  });
});
