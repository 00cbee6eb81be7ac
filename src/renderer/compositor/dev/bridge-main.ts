/** Scratch page for the WebSocket bridge: ?ws=<url> connects it to a test server. */
import type { StudioEvent } from '../../../shared';
import { socketBridge } from '../../bridge';

const url = new URLSearchParams(location.search).get('ws') ?? '';
const bridge = socketBridge(url);
const log = { events: [] as StudioEvent[], acks: [] as number[], connection: [] as boolean[] };
bridge.subscribe((e) => log.events.push(e));
bridge.onFrameAck((s) => log.acks.push(s));
bridge.onConnection((c) => log.connection.push(c));
(window as unknown as { __b: unknown }).__b = { bridge, log };
