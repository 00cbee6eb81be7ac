/**
 * What happens to each frame a client sends: decode, validate the envelope, then Identify,
 * Reidentify, Request or RequestBatch. Anything malformed closes that one session with the close
 * code the obs-websocket spec gives for it; nothing here throws to the caller.
 */
import type { Logger } from '../api';
import type { RequestContext, RequestOutcome, RequestRegistry } from './types';
import { describe, isPlainObject, type Codec } from './codec';
import { verify, type AuthSecret } from './auth';
import type { AuthThrottle } from './throttle';
import type { Session } from './session';
import { parseBatchItem, runBatch, type BatchResult } from './batch';
import { failure, runRequest } from './execute';
import {
  AUTH_FAILED_REASON,
  AUTH_MISSING_REASON,
  CloseCode,
  ExecutionType,
  OpCode,
  RPC_VERSION,
  RequestCode,
  WsCloseCode,
  type ExecutionTypeValue,
} from './protocol';

export interface DispatchDeps {
  codec: Codec;
  registry: RequestRegistry;
  /** null when authentication is off. */
  auth: AuthSecret | null;
  throttle: AuthThrottle;
  logger: Logger;
  context(session: Session, executionType: ExecutionTypeValue): RequestContext;
}

const isUnsigned = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
/** Null and absent are the same thing: msgpack clients send undefined fields as nil. */
const absent = (value: unknown): value is null | undefined => value === undefined || value === null;

export function handleFrame(session: Session, data: Buffer, isBinary: boolean, deps: DispatchDeps): void {
  if (session.isClosing) return;
  session.incoming += 1;
  const shut = (code: number, reason: string): void => {
    deps.logger.log('debug', 'closing an obs-websocket session', { session: session.id, code, reason });
    session.close(code, reason);
  };
  try {
    const decoded = deps.codec.decode(session.encoding, data, isBinary);
    if (!decoded.ok) return shut(decoded.close.code, decoded.close.reason);
    const message = decoded.value;
    if (!isPlainObject(message)) return shut(CloseCode.MessageDecodeError, 'You sent a non-object payload.');
    if (!session.identified && Object.hasOwn(message, 'request-type')) {
      return shut(
        CloseCode.UnsupportedRpcVersion,
        'You appear to be attempting to connect with the pre-5.0.0 plugin protocol. Check to make sure your client is updated.',
      );
    }
    const op = message['op'];
    if (absent(op)) return shut(CloseCode.UnknownOpCode, 'Your request is missing an `op`.');
    const d = message['d'];
    if (absent(d)) return shut(CloseCode.MissingDataField, 'Your payload is missing data (`d`).');
    if (!isPlainObject(d)) return shut(CloseCode.InvalidDataFieldType, "Your payload's data (`d`) is not an object.");
    if (!session.identified && op !== OpCode.Identify) {
      return shut(CloseCode.NotIdentified, 'You attempted to send a non-Identify message while not identified.');
    }
    switch (op) {
      case OpCode.Identify:
        return identify(session, d, deps, shut);
      case OpCode.Reidentify: {
        const subs = d['eventSubscriptions'];
        if (!absent(subs)) {
          if (!isUnsigned(subs)) return shut(CloseCode.InvalidDataFieldType, 'Your `eventSubscriptions` is not an unsigned number.');
          session.eventSubscriptions = subs;
        }
        session.send({ op: OpCode.Identified, d: { negotiatedRpcVersion: session.rpcVersion } });
        return;
      }
      case OpCode.Request:
        return request(session, d, deps, shut);
      case OpCode.RequestBatch:
        return batch(session, d, deps, shut);
      default:
        return shut(CloseCode.UnknownOpCode, `Unknown OpCode: ${describe(op, 30)}`);
    }
  } catch (error) {
    // A bug here must cost one session, never the server.
    deps.logger.log('error', 'an obs-websocket message could not be handled', { session: session.id, error: String(error) });
    shut(WsCloseCode.InternalError, 'The studio failed to handle your message.');
  }
}

type Shut = (code: number, reason: string) => void;

function identify(session: Session, d: Record<string, unknown>, deps: DispatchDeps, shut: Shut): void {
  if (session.identified) return shut(CloseCode.AlreadyIdentified, 'You are already Identified with the obs-websocket server.');
  if (deps.auth && session.challenge !== null) {
    const attempt = d['authentication'];
    if (absent(attempt)) return shut(CloseCode.AuthenticationFailed, AUTH_MISSING_REASON);
    if (typeof attempt !== 'string') return shut(CloseCode.AuthenticationFailed, 'Your `authentication` field is not a string.');
    const wait = deps.throttle.waitMs(session.peer);
    if (wait > 0) {
      // Refused unchecked: a guess made during a lock-out learns nothing.
      const seconds = Math.ceil(wait / 1000);
      return shut(
        CloseCode.AuthenticationFailed,
        `${AUTH_FAILED_REASON} Too many failed attempts from your address; try again in ${seconds} s.`,
      );
    }
    if (!verify(deps.auth, session.challenge, attempt)) {
      deps.throttle.failed(session.peer);
      deps.logger.log('warn', 'an obs-websocket client failed to authenticate', { session: session.id, peer: session.peer });
      return shut(CloseCode.AuthenticationFailed, AUTH_FAILED_REASON);
    }
    deps.throttle.succeeded(session.peer);
  }
  const rpcVersion = d['rpcVersion'];
  if (absent(rpcVersion)) return shut(CloseCode.MissingDataField, "Your payload's data is missing an `rpcVersion`.");
  if (!isUnsigned(rpcVersion)) return shut(CloseCode.InvalidDataFieldType, 'Your `rpcVersion` is not an unsigned number.');
  if (rpcVersion !== RPC_VERSION) {
    return shut(CloseCode.UnsupportedRpcVersion, 'Your requested RPC version is not supported by this server.');
  }
  const subs = d['eventSubscriptions'];
  if (!absent(subs)) {
    if (!isUnsigned(subs)) return shut(CloseCode.InvalidDataFieldType, 'Your `eventSubscriptions` is not an unsigned number.');
    session.eventSubscriptions = subs;
  }
  session.rpcVersion = rpcVersion;
  session.markIdentified();
  deps.logger.log('info', 'an obs-websocket client identified', { session: session.id, encoding: session.encoding });
  session.send({ op: OpCode.Identified, d: { negotiatedRpcVersion: session.rpcVersion } });
}

/** requestId is echoed verbatim, so only scalars are accepted (the spec says string). */
function requestIdOf(d: Record<string, unknown>, shut: Shut): string | number | null {
  const id = d['requestId'];
  if (absent(id)) {
    shut(CloseCode.MissingDataField, 'Your payload data is missing a `requestId`.');
    return null;
  }
  if (typeof id !== 'string' && !(typeof id === 'number' && Number.isFinite(id))) {
    shut(CloseCode.InvalidDataFieldType, 'Your `requestId` is not a string.');
    return null;
  }
  return id;
}

function request(session: Session, d: Record<string, unknown>, deps: DispatchDeps, shut: Shut): void {
  const requestId = requestIdOf(d, shut);
  if (requestId === null) return;
  const type = d['requestType'];
  if (!absent(type) && typeof type !== 'string') return shut(CloseCode.InvalidDataFieldType, 'Your `requestType` is not a string.');
  // A missing type is answered (203) rather than closed: the id is known, so the caller is not left hanging.
  const requestType = typeof type === 'string' ? type : '';
  const ctx = deps.context(session, ExecutionType.None);
  void settle(runRequest(deps.registry, ctx, requestType, d['requestData'], deps.logger), requestType, deps).then((outcome) =>
    reply(session, { op: OpCode.RequestResponse, d: { requestType, requestId, ...outcome } }, deps, () => ({
      op: OpCode.RequestResponse,
      d: { requestType, requestId, ...unencodable(requestType) },
    })),
  );
}

function batch(session: Session, d: Record<string, unknown>, deps: DispatchDeps, shut: Shut): void {
  const requestId = requestIdOf(d, shut);
  if (requestId === null) return;
  let executionType: ExecutionTypeValue = ExecutionType.SerialRealtime;
  const exec = d['executionType'];
  if (!absent(exec)) {
    // -1 (None) is not unsigned, so it is a type error here, as in OBS.
    if (!isUnsigned(exec)) return shut(CloseCode.InvalidDataFieldType, 'Your `executionType` is not a number.');
    if (exec !== ExecutionType.SerialRealtime && exec !== ExecutionType.SerialFrame && exec !== ExecutionType.Parallel) {
      return shut(CloseCode.InvalidDataFieldValue, 'Your `executionType` has an invalid value.');
    }
    executionType = exec;
  }
  const variables = d['variables'];
  if (!absent(variables)) {
    if (!isPlainObject(variables)) return shut(CloseCode.InvalidDataFieldType, 'Your `variables` is not an object.');
    if (executionType === ExecutionType.Parallel) return shut(CloseCode.UnsupportedFeature, 'Variables are not supported in Parallel mode.');
  }
  const halt = d['haltOnFailure'];
  if (!absent(halt) && typeof halt !== 'boolean') return shut(CloseCode.InvalidDataFieldType, 'Your `haltOnFailure` is not a boolean.');
  const requests = d['requests'];
  if (absent(requests)) return shut(CloseCode.MissingDataField, 'Your payload data is missing a `requests`.');
  if (!Array.isArray(requests)) return shut(CloseCode.InvalidDataFieldType, 'Your `requests` is not an array.');

  const items = requests.map(parseBatchItem);
  const ctx = deps.context(session, executionType);
  const run = (type: string, data: unknown): Promise<RequestOutcome> => settle(runRequest(deps.registry, ctx, type, data, deps.logger), type, deps);
  void runBatch(items, { executionType, haltOnFailure: halt === true, variables: isPlainObject(variables) ? variables : null }, run)
    .catch((error: unknown): BatchResult[] => {
      deps.logger.log('error', 'an obs-websocket batch failed', { session: session.id, error: String(error) });
      return items.map((item) => ({ requestType: item.requestType, ...failure(RequestCode.GenericError, 'The batch could not be run.') }));
    })
    .then((results) =>
      reply(session, { op: OpCode.RequestBatchResponse, d: { requestId, results } }, deps, () => ({
        op: OpCode.RequestBatchResponse,
        d: {
          requestId,
          results: results.map((r) => ({ requestType: r.requestType, requestId: r.requestId, ...unencodable(r.requestType) })),
        },
      })),
    );
}

/** runRequest never rejects by design; this keeps that promise even if it one day does. */
function settle(outcome: Promise<RequestOutcome>, requestType: string, deps: DispatchDeps): Promise<RequestOutcome> {
  return outcome.catch((error: unknown) => {
    deps.logger.log('error', 'an obs-websocket request failed outside its handler', { requestType, error: String(error) });
    return failure(RequestCode.GenericError, `The studio could not run ${requestType}.`);
  });
}

function unencodable(requestType: string): RequestOutcome {
  return failure(RequestCode.GenericError, `The response to ${requestType} could not be encoded.`);
}

/** Sends the answer; if it cannot be encoded, sends the same answer as an error instead. */
function reply(session: Session, message: unknown, deps: DispatchDeps, fallback: () => unknown): void {
  if (session.isClosing) return;
  if (session.send(message)) return;
  if (session.isClosing) return;
  deps.logger.log('warn', 'answering with an error because a response could not be encoded', { session: session.id });
  session.send(fallback());
}
