/**
 * A real RTMP server for tests: nginx with libnginx-mod-rtmp, run as an ordinary process (no
 * daemon, no master) in a temp dir on free loopback ports. Killing it really kills the server,
 * which the reconnect tests rely on.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort, waitForPort } from './ports';

export const RTMP_MODULE = '/usr/lib/nginx/modules/ngx_rtmp_module.so';

export interface NginxRtmp {
  port: number;
  /** Publish/play URL for a stream key in the 'live' application. */
  url(key: string): string;
  /** nginx-rtmp's XML statistics (rtmp_stat all). */
  statUrl: string;
  pid: number;
  dir: string;
  /** Sends a signal (default SIGKILL) without waiting: a crash, as the network sees it. */
  kill(signal?: NodeJS.Signals): void;
  /** Stops nginx and removes its folder. Safe to call twice, and after kill(). */
  stop(): Promise<void>;
  /** What nginx wrote to its error log (connections, publishes, auth answers). */
  errorLog(): Promise<string>;
}

export interface NginxRtmpOptions {
  /** A loopback HTTP port answering on_publish: 2xx accepts the stream key, 4xx rejects it. */
  onPublishPort?: number;
  /** RTMP port; free one when absent (give the old one to restart a killed server in place). */
  port?: number;
  /**
   * A whole nginx.conf instead of the harness's own (docs/scaling/ configurations): it must load the
   * RTMP module, listen on 127.0.0.1:port for RTMP, serve /stat on statPort and keep its files in dir.
   */
  conf?: (where: { dir: string; port: number; statPort: number; module: string }) => string;
}

function findNginx(): string | null {
  for (const dir of [...(process.env['PATH'] ?? '').split(path.delimiter), '/usr/sbin', '/usr/local/sbin', '/usr/local/nginx/sbin']) {
    if (!dir) continue;
    const file = path.join(dir, 'nginx');
    if (existsSync(file)) return file;
  }
  return null;
}

export async function startNginxRtmp(opts: NginxRtmpOptions = {}): Promise<NginxRtmp> {
  const nginx = findNginx();
  if (!nginx || !existsSync(RTMP_MODULE)) {
    throw new Error(
      `The RTMP test server needs nginx and its RTMP module (${nginx ? `found nginx at ${nginx}` : 'nginx is not on PATH'}; ` +
        `${existsSync(RTMP_MODULE) ? 'module present' : `${RTMP_MODULE} is missing`}). ` +
        'Install them with: apt-get install -y nginx libnginx-mod-rtmp',
    );
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'nginx-rtmp-'));
  const port = opts.port ?? (await freePort());
  const statPort = await freePort();
  const auth = opts.onPublishPort ? `on_publish http://127.0.0.1:${opts.onPublishPort}/auth;` : '';
  const conf = opts.conf ? opts.conf({ dir, port, statPort, module: RTMP_MODULE }) : `load_module ${RTMP_MODULE};
daemon off;
master_process off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log info;
events { worker_connections 256; }
rtmp {
  server {
    listen 127.0.0.1:${port};
    application live {
      live on;
      record off;
      # A player joining mid-stream starts at a keyframe, so the first decoded frame is whole.
      wait_key on;
      wait_video on;
      ${auth}
    }
  }
}
http {
  access_log off;
  client_body_temp_path ${dir}/b; proxy_temp_path ${dir}/p; fastcgi_temp_path ${dir}/f;
  uwsgi_temp_path ${dir}/u; scgi_temp_path ${dir}/s;
  server { listen 127.0.0.1:${statPort}; location /stat { rtmp_stat all; } }
}
`;
  await writeFile(path.join(dir, 'nginx.conf'), conf);
  const errorLog = path.join(dir, 'error.log');
  // -e: the log path before the config is read, so nginx never tries /var/log/nginx.
  const child: ChildProcess = spawn(nginx, ['-e', errorLog, '-c', path.join(dir, 'nginx.conf'), '-p', `${dir}/`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  let exited = false;
  const gone = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true;
      resolve();
    });
    child.once('error', (e) => {
      stderr += String(e);
      exited = true;
      resolve();
    });
  });
  try {
    await waitForPort(port, 10_000, () => !exited);
  } catch (error) {
    child.kill('SIGKILL');
    await gone;
    const log = await readFile(errorLog, 'utf8').catch(() => '');
    await rm(dir, { recursive: true, force: true });
    throw new Error(`nginx-rtmp did not start on port ${port}: ${String(error)}\n${stderr}\n${log.slice(-2000)}`);
  }
  let stopped = false;
  return {
    port,
    url: (key) => `rtmp://127.0.0.1:${port}/live/${key}`,
    statUrl: `http://127.0.0.1:${statPort}/stat`,
    pid: child.pid!,
    dir,
    kill(signal = 'SIGKILL') {
      if (!exited) child.kill(signal);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      if (!exited) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await gone;
        clearTimeout(timer);
      }
      await rm(dir, { recursive: true, force: true });
    },
    errorLog: () => readFile(errorLog, 'utf8').catch(() => ''),
  };
}
