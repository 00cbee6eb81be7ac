/** Which URL is "our page": the built renderer's index.html, whatever query or hash it carries. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function isPageUrl(url: string, indexFile: string): boolean {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'file:') return false;
    parsed.search = '';
    parsed.hash = '';
    return path.normalize(fileURLToPath(parsed)) === path.normalize(indexFile);
  } catch {
    return false;
  }
}

export function isWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
