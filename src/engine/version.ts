/** The studio's version, reported by /healthz, obs-websocket GetVersion and the remote server. */
export const STUDIO_VERSION = '0.1.0';
