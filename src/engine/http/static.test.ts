import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveInside } from './static';

const root = path.resolve('/srv/ui');

describe('resolveInside', () => {
  it('maps URL paths to files under the root', () => {
    expect(resolveInside(root, '/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveInside(root, '/assets/a%20b.js')).toBe(path.join(root, 'assets', 'a b.js'));
    expect(resolveInside(root, '/assets/./x.js')).toBe(path.join(root, 'assets', 'x.js'));
  });

  it.each(['/../x', '/a/../../x', '/..%2fx', '/%2e%2e/x', '/a%5c..%5cx', '/x%00.html', '/%E0%A4%A'])('refuses %s', (p) => {
    expect(resolveInside(root, p)).toBeNull();
  });
});
