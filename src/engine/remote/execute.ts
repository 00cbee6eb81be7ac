/**
 * Runs one request through the registry and always comes back with a well-formed outcome: unknown
 * types, requestData that is not an object, handlers that throw or return garbage all become a status with a comment.
 * The JS client has no timeouts, so an answer that never comes would hang it.
 */
import type { Logger } from '../api';
import type { RequestContext, RequestHandler, RequestOutcome, RequestRegistry } from './types';
import { RequestCode } from './protocol';
import { describe, isPlainObject } from './codec';

export function failure(code: number, comment: string): RequestOutcome {
  return { requestStatus: { result: false, code, comment } };
}

export async function runRequest(
  registry: RequestRegistry,
  ctx: RequestContext,
  requestType: string,
  requestData: unknown,
  logger: Logger,
): Promise<RequestOutcome> {
  if (requestType === '') return failure(RequestCode.MissingRequestType, 'Your request is missing a `requestType`.');
  let handler: unknown;
  try {
    handler = registry.get(requestType);
  } catch (error) {
    logger.log('error', 'the request registry failed a lookup', { requestType: describe(requestType), error: String(error) });
  }
  if (typeof handler !== 'function') {
    return failure(RequestCode.UnknownRequestType, `Your request type is not valid: ${describe(requestType)}.`);
  }
  try {
    // As obs-websocket: requestData that is not an object counts as none, so a request that needs no
    // data still runs and one that does answers 301 (missing or invalid requestData).
    const data = isPlainObject(requestData) ? requestData : undefined;
    const outcome: unknown = await (handler as RequestHandler)(ctx, data);
    return normalize(outcome, requestType, logger);
  } catch (error) {
    logger.log('error', 'an obs-websocket request handler threw', { requestType, error: String(error) });
    const why = error instanceof Error ? error.message : String(error);
    return failure(RequestCode.GenericError, `The studio could not run ${requestType}: ${describe(why, 200)}`);
  }
}

/** result is derived from the code, so a handler cannot report success with a failure code. */
function normalize(outcome: unknown, requestType: string, logger: Logger): RequestOutcome {
  const status = isPlainObject(outcome) ? outcome['requestStatus'] : undefined;
  const code = isPlainObject(status) ? status['code'] : undefined;
  if (!isPlainObject(outcome) || typeof code !== 'number' || !Number.isInteger(code)) {
    logger.log('error', 'an obs-websocket request handler returned no status', { requestType });
    return failure(RequestCode.GenericError, `The studio could not run ${requestType}: its handler returned no status.`);
  }
  const comment = isPlainObject(status) ? status['comment'] : undefined;
  const result: RequestOutcome = {
    requestStatus: typeof comment === 'string' && comment !== '' ? { result: code === 100, code, comment } : { result: code === 100, code },
  };
  const data = outcome['responseData'];
  if (isPlainObject(data)) result.responseData = data;
  return result;
}
