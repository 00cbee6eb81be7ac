/** Command-line flags of server mode. Parsing is pure so bad input becomes one clear message. */

export interface ServerFlags {
  /** 0 asks the OS for a free port. */
  port: number;
  /** null = the platform's default data folder. */
  dataDir: string | null;
  headless: boolean;
  help: boolean;
  /** obs-websocket server: port (0 = a free one), bind address, password, or off. */
  wsPort: number;
  wsBind: string;
  /**
   * null = the stored (or first-run generated) password. Prefer STUDIO_WS_PASSWORD or
   * --ws-password-file: a flag's value is readable by every local user in the process list.
   */
  wsPassword: string | null;
  /** A file whose first line is the remote control password. */
  wsPasswordFile: string | null;
  /** wss:// for remote control: PEM certificate and key files (both or neither). */
  wsTlsCert: string | null;
  wsTlsKey: string | null;
  /** Web page origins (https://companion.example) allowed to drive remote control. */
  wsAllowOrigins: string[];
  ws: boolean;
  /** The FFmpeg binary to run; '' clears a path set earlier. null = leave the setting as it is. */
  ffmpeg: string | null;
  /** Turns periodic program screenshots on, every N seconds (kept in the profile); null = as saved. */
  screenshotsEvery: number | null;
  /** Their folder (absolute); null = as saved. */
  screenshotsDir: string | null;
}

export type ParsedFlags = { ok: true; flags: ServerFlags } | { ok: false; message: string };

export const DEFAULT_PORT = 8420;

export const DEFAULT_WS_PORT = 4455;

export const USAGE = `Usage: node out/main/server.js [--port N] [--data-dir DIR] [--headless] [--ffmpeg PATH]
       [--ws-port N] [--ws-bind ADDR] [--ws-password-file FILE] [--ws-tls-cert FILE --ws-tls-key FILE]
       [--ws-allow-origin ORIGIN]... [--no-ws]

Runs the Broadcast Studio engine and serves its UI on http://127.0.0.1 (never on other interfaces).

  --port N          Port to listen on (default ${DEFAULT_PORT}; 0 picks a free one).
  --data-dir DIR    Folder for the collection, profile, secrets and logs
                    (default: the platform's config folder, e.g. ~/.config/broadcast-studio).
  --headless        Also launch Chromium without a window to composite the program output,
                    for machines with no display. Set CHROMIUM_PATH to choose the browser.
  --ws-port N       obs-websocket v5 remote control port (default ${DEFAULT_WS_PORT}; 0 picks a free one).
                    The producers' web remote is served on the same port at /remote/.
  --ws-bind ADDR    Address the remote control listens on (default 127.0.0.1). Anything else
                    exposes the studio to the network: use it only with a strong password.
  --ws-password-file FILE
                    Remote control password from the first line of FILE (or set
                    STUDIO_WS_PASSWORD). Default: the one generated at first run and kept in
                    the secret store.
  --ws-password P   The same, but on the command line, where every local user can read it in
                    the process list; the ready output warns when it is used.
  --ws-tls-cert FILE, --ws-tls-key FILE
                    Serve remote control as wss:// with this PEM certificate and key.
  --ws-allow-origin ORIGIN
                    Also accept remote control from web pages of ORIGIN (repeatable), e.g.
                    --ws-allow-origin https://companion.example. Other web pages are refused.
  --no-ws           Do not start the remote control server.
  --screenshots-every N
                    Save a picture of program every N seconds (1..3600) while live, into
                    --screenshots-dir DIR (default: screenshots/ in the data folder). Kept in the
                    profile, as the same setting in Settings → Output.
  --ffmpeg PATH     The FFmpeg binary the studio runs (kept in the profile; '' goes back to
                    FFMPEG_PATH, the bundled ffmpeg-static, then ffmpeg on PATH). Pages and
                    remote clients cannot change it.
  --help            Print this text.`;

export function parseFlags(argv: readonly string[]): ParsedFlags {
  const flags: ServerFlags = {
    port: DEFAULT_PORT,
    dataDir: null,
    headless: false,
    help: false,
    wsPort: DEFAULT_WS_PORT,
    wsBind: '127.0.0.1',
    wsPassword: null,
    wsPasswordFile: null,
    wsTlsCert: null,
    wsTlsKey: null,
    wsAllowOrigins: [],
    ws: true,
    ffmpeg: null,
    screenshotsEvery: null,
    screenshotsDir: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    // A flag's value is either inline (--port=1) or the next argument (--port 1).
    const value = (): string | undefined => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) return undefined;
      i++;
      return next;
    };
    switch (name) {
      case '--help':
      case '-h':
        flags.help = true;
        break;
      case '--headless':
        if (inline !== undefined) return { ok: false, message: '--headless takes no value.' };
        flags.headless = true;
        break;
      case '--port': {
        const raw = value();
        if (raw === undefined) return { ok: false, message: '--port needs a number, e.g. --port 8420.' };
        if (!/^\d{1,5}$/.test(raw) || Number(raw) > 65535) {
          return { ok: false, message: `--port must be a whole number from 0 to 65535, not '${raw}'.` };
        }
        flags.port = Number(raw);
        break;
      }
      case '--data-dir': {
        const raw = value();
        if (raw === undefined || raw === '') return { ok: false, message: '--data-dir needs a folder, e.g. --data-dir ./studio-data.' };
        flags.dataDir = raw;
        break;
      }
      case '--ws-port': {
        const raw = value();
        if (raw === undefined || !/^\d{1,5}$/.test(raw) || Number(raw) > 65535) {
          return { ok: false, message: `--ws-port must be a whole number from 0 to 65535, e.g. --ws-port 4455.` };
        }
        flags.wsPort = Number(raw);
        break;
      }
      case '--ws-bind': {
        const raw = value();
        if (raw === undefined || !/^[0-9a-fA-F.:]+$|^localhost$/.test(raw)) {
          return { ok: false, message: '--ws-bind needs an IP address, e.g. --ws-bind 127.0.0.1 (or 0.0.0.0 for the whole network).' };
        }
        flags.wsBind = raw;
        break;
      }
      case '--ws-password': {
        const raw = value();
        if (raw === undefined || raw.length < 6) {
          return { ok: false, message: '--ws-password needs a password of at least 6 characters.' };
        }
        flags.wsPassword = raw;
        break;
      }
      case '--ws-password-file': {
        const raw = value();
        if (raw === undefined || raw === '') return { ok: false, message: '--ws-password-file needs a file, e.g. --ws-password-file ~/.studio-pass.' };
        flags.wsPasswordFile = raw;
        break;
      }
      case '--ws-tls-cert':
      case '--ws-tls-key': {
        const raw = value();
        if (raw === undefined || raw === '') return { ok: false, message: `${name} needs a PEM file, e.g. ${name} ./remote-${name.slice(9)}.pem.` };
        if (name === '--ws-tls-cert') flags.wsTlsCert = raw;
        else flags.wsTlsKey = raw;
        break;
      }
      case '--ws-allow-origin': {
        const raw = value();
        const origin = raw === undefined ? null : parseOrigin(raw);
        if (!origin) return { ok: false, message: `--ws-allow-origin needs a web origin such as https://companion.example, not '${raw ?? ''}'.` };
        flags.wsAllowOrigins.push(origin);
        break;
      }
      case '--ffmpeg': {
        const raw = value();
        if (raw === undefined) return { ok: false, message: "--ffmpeg needs the FFmpeg binary's path, e.g. --ffmpeg /usr/bin/ffmpeg ('' to clear it)." };
        flags.ffmpeg = raw.trim();
        break;
      }
      case '--screenshots-every': {
        const raw = value();
        if (raw === undefined || !/^\d{1,4}$/.test(raw) || Number(raw) < 1 || Number(raw) > 3600) {
          return { ok: false, message: `--screenshots-every needs seconds from 1 to 3600, e.g. --screenshots-every 10, not '${raw ?? ''}'.` };
        }
        flags.screenshotsEvery = Number(raw);
        break;
      }
      case '--screenshots-dir': {
        const raw = value();
        if (raw === undefined || raw === '') return { ok: false, message: '--screenshots-dir needs a folder, e.g. --screenshots-dir ./shots.' };
        flags.screenshotsDir = raw;
        break;
      }
      case '--no-ws':
        if (inline !== undefined) return { ok: false, message: '--no-ws takes no value.' };
        flags.ws = false;
        break;
      default:
        return { ok: false, message: `Unknown option '${arg}'; run with --help to see the options.` };
    }
  }
  if ((flags.wsTlsCert === null) !== (flags.wsTlsKey === null)) {
    return { ok: false, message: 'wss:// needs both --ws-tls-cert and --ws-tls-key.' };
  }
  if (flags.wsPassword !== null && flags.wsPasswordFile !== null) {
    return { ok: false, message: 'Give the remote control password once: --ws-password-file or --ws-password, not both.' };
  }
  return { ok: true, flags };
}

/** scheme://host[:port] with nothing after it, as browsers send in Origin; null when it is not one. */
function parseOrigin(raw: string): string | null {
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (url.pathname !== '/' || url.search || url.hash || url.username) return null;
    return url.origin;
  } catch {
    return null;
  }
}
