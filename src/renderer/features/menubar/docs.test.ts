import { describe, expect, it } from 'vitest';
import { DOC_SECTIONS, DOCS } from './docs';

describe('Help → Documentation', () => {
  it("offers the README's main sections, each with a note", () => {
    expect(DOC_SECTIONS).toEqual(['Quick start', 'Server mode', 'Data', 'Remote control', 'Status']);
    for (const s of DOC_SECTIONS) expect(DOCS[s].length).toBeGreaterThan(40);
  });
});
