import { describe, expect, it } from 'vitest';
import type { StudioDocument } from '../../shared';
import { addNotice, causeOfCommand, causeOfMessage, clearResolved, clearSucceeded, type Notice } from './notices';

const dest = (id: string, hasKey: boolean, enabled = true) => ({ id, name: id, enabled, server: 'rtmp://h/app', hasKey, preset: 'custom', audioOnly: false, rendition: null, signing: null, audience: null });
const doc = (over: { inputs?: { uuid: string; name: string }[]; destinations?: ReturnType<typeof dest>[] } = {}): StudioDocument =>
  ({ scenes: [{ uuid: 'scene-1', name: 'Scene' }], inputs: over.inputs ?? [], destinations: over.destinations ?? [] }) as unknown as StudioDocument;

const notice = (id: number, message: string, cause?: Notice['cause']): Notice => (cause ? { id, level: 'error', message, cause } : { id, level: 'error', message });

describe('notices that clear themselves', () => {
  it('knows a failed command’s subject and a missing key', () => {
    expect(causeOfCommand('destination.start', { id: 'd1' }, { message: 'The destination has no stream key; enter the key your platform gave you.' })).toEqual({ command: 'destination.start', subject: 'd1', key: true });
    expect(causeOfCommand('input.update', { inputUuid: 'i1', settings: {} }, { message: 'bad' })).toEqual({ command: 'input.update', subject: 'i1' });
    expect(causeOfCommand('stream.start', {}, { message: 'x', field: 'key' })).toEqual({ command: 'stream.start', key: true });
  });

  it('reads the source an engine notice names', () => {
    const d = doc({ inputs: [{ uuid: 'i1', name: 'Logo' }, { uuid: 'i2', name: 'Intro' }] });
    expect(causeOfMessage('Image "Logo" has no file selected.', d)).toEqual({ subject: 'i1' });
    expect(causeOfMessage('Media source "Intro": the file cannot play.', d)).toEqual({ subject: 'i2' });
    expect(causeOfMessage('Something else happened.', d)).toBeUndefined();
  });

  it('drops a source’s notice when the source is deleted, and keeps the rest', () => {
    const list = [notice(1, 'Image "Logo" has no file selected.', { subject: 'i1' }), notice(2, 'no cause')];
    expect(clearResolved(list, doc({ inputs: [{ uuid: 'i1', name: 'Logo' }] }))).toBe(list);
    expect(clearResolved(list, doc()).map((n) => n.id)).toEqual([2]);
  });

  it('drops a "no stream key" notice once the key is saved', () => {
    const list = [notice(1, 'The destination has no stream key', { command: 'stream.start', key: true }), notice(2, 'd2 key', { command: 'destination.start', subject: 'd2', key: true })];
    expect(clearResolved(list, doc({ destinations: [dest('d1', false), dest('d2', false)] }))).toHaveLength(2);
    // d2 has its key: its own notice goes; Go Live's waits for every enabled destination.
    expect(clearResolved(list, doc({ destinations: [dest('d1', false), dest('d2', true)] })).map((n) => n.id)).toEqual([1]);
    expect(clearResolved(list, doc({ destinations: [dest('d1', true), dest('d2', true), dest('d3', false, false)] }))).toEqual([]);
  });

  it('drops a command’s failure when the same command about the same thing succeeds', () => {
    const list = [notice(1, 'failed', { command: 'destination.start', subject: 'd1' }), notice(2, 'other', { command: 'destination.start', subject: 'd2' })];
    expect(clearSucceeded(list, 'destination.start', { id: 'd1' }).map((n) => n.id)).toEqual([2]);
    expect(clearSucceeded(list, 'scene.create', { sceneName: 'x' })).toBe(list);
  });

  it('replaces an older notice with the same words instead of stacking them', () => {
    const list = addNotice(addNotice([], notice(1, 'same')), notice(2, 'same'));
    expect(list.map((n) => n.id)).toEqual([2]);
  });
});
