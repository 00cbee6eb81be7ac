/** Checks text messages from a renderer socket: anything that is not a well-formed ClientMessage is refused. */
import type { ClientMessage, CommandType, RendererStats } from '../shared';

export type ParsedMessage =
  | { ok: true; message: ClientMessage }
  /** id is set when the message was a call we can answer with an error reply. */
  | { ok: false; reason: string; id?: number };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

export function parseClientMessage(text: string): ParsedMessage {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  if (!isRecord(data)) return { ok: false, reason: 'not an object' };
  if (data['t'] === 'call') {
    const id = data['id'];
    if (typeof id !== 'number' || !Number.isSafeInteger(id)) return { ok: false, reason: 'call without an integer id' };
    const type = data['type'];
    if (typeof type !== 'string' || type === '') return { ok: false, reason: 'call without a command type', id };
    // The engine validates the command name and its arguments and answers unknown ones with an error.
    return { ok: true, message: { t: 'call', id, type: type as CommandType, args: data['args'] } };
  }
  if (data['t'] === 'stats') {
    const stats = parseStats(data['stats']);
    return stats ? { ok: true, message: { t: 'stats', stats } } : { ok: false, reason: 'malformed stats' };
  }
  return { ok: false, reason: `unknown message type ${JSON.stringify(data['t'])}` };
}

export function parseStats(v: unknown): RendererStats | null {
  if (!isRecord(v)) return null;
  const { renderLagged, renderMs, sendSkipped, glRenderer } = v;
  if (!isCount(renderLagged) || !isCount(renderMs) || !isCount(sendSkipped) || typeof glRenderer !== 'string') return null;
  return { renderLagged, renderMs, sendSkipped, glRenderer: glRenderer.slice(0, 200) };
}
