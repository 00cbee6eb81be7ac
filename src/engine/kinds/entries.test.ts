import { describe, expect, it } from 'vitest';
import { Status } from '../../shared';
import { KindRegistry } from './registry';

describe("'entries' settings (a lower third's queue)", () => {
  const kinds = new KindRegistry();

  it('stores whole records, filling missing fields with empty text', () => {
    const r = kinds.validateSettings('lower_third', { queue: [{ name: 'Ada', title: 'Engineer' }, {}] });
    expect(r.ok && r.value['queue']).toEqual([
      { name: 'Ada', title: 'Engineer', subtitle: '' },
      { name: '', title: '', subtitle: '' },
    ]);
  });

  it.each([
    [{ queue: 'Ada' }, Status.InvalidRequestFieldType, 'settings.queue', /list of \{ name, title, subtitle \}/],
    [{ queue: ['Ada'] }, Status.InvalidRequestFieldType, 'settings.queue[0]', /entry 1 must be an object/],
    [{ queue: [{ name: 'A' }, { name: 3 }] }, Status.InvalidRequestFieldType, 'settings.queue[1].name', /entry 2: name must be text/],
    [{ queue: [{ nom: 'A' }] }, Status.InvalidRequestField, 'settings.queue[0].nom', /no field "nom"/],
    [{ queue: [{ name: 'x'.repeat(201) }] }, Status.OutOfRange, 'settings.queue[0].name', /at most 200/],
    [{ queue: Array.from({ length: 201 }, () => ({})) }, Status.OutOfRange, 'settings.queue', /at most 200 entries/],
  ])('refuses %j with a message that names the entry', (settings, code, field, message) => {
    const r = kinds.validateSettings('lower_third', settings);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe(code);
      expect(r.error.field).toBe(field);
      expect(r.error.message).toMatch(message);
    }
  });
});
