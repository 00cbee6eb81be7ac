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
  /** null = the stored (or first-run generated) password; STUDIO_WS_PASSWORD also sets it. */
  wsPassword: string | null;
  ws: boolean;
}

export type ParsedFlags = { ok: true; flags: ServerFlags } | { ok: false; message: string };

export const DEFAULT_PORT = 8420;

export const DEFAULT_WS_PORT = 4455;

export const USAGE = `Usage: node out/main/server.js [--port N] [--data-dir DIR] [--headless] [--ws-port N] [--ws-bind ADDR] [--ws-password P] [--no-ws]

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
  --ws-password P   Remote control password (or set STUDIO_WS_PASSWORD). Default: the one
                    generated at first run and kept in the secret store.
  --no-ws           Do not start the remote control server.
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
    ws: true,
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
      case '--no-ws':
        if (inline !== undefined) return { ok: false, message: '--no-ws takes no value.' };
        flags.ws = false;
        break;
      default:
        return { ok: false, message: `Unknown option '${arg}'; run with --help to see the options.` };
    }
  }
  return { ok: true, flags };
}
