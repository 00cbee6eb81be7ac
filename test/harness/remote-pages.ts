/**
 * What the web remote's e2e specs share: the built remote page served from its own origin (a
 * tablet's browser loads it from somewhere other than the studio), and a logger that prints only
 * the studio's errors into the test output.
 */
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import type { Logger } from '../../src/engine/api';

export const errorsOnlyLogger: Logger = {
  log(level, message, fields) {
    if (level === 'error') console.error(`[studio] ${message}`, fields ?? '');
  },
};

/** Serves /remote/ (remote.html) and its /remote/assets/ from the built renderer folder; anything else is 404. */
export function serveRemotePages(rendererDir: string): Promise<http.Server> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const rel = url.pathname === '/remote/' ? 'remote.html' : url.pathname.replace(/^\/remote\/(?=assets\/)/, '');
    const file = path.join(rendererDir, path.normalize(rel));
    if (!file.startsWith(rendererDir + path.sep) || rel === url.pathname) {
      res.writeHead(404).end();
      return;
    }
    readFile(file).then(
      (body) => res.writeHead(200, { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
