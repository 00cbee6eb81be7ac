/**
 * obs-websocket RequestStatus codes and the two ways a handler ends: success with optional
 * responseData, or a RequestError thrown inside the registry and turned into a failed status there
 * (it never leaves the registry: RequestHandler callers always get an outcome).
 */
import type { Result } from '../../../shared';
import type { RequestOutcome } from '../types';

/** Every RequestStatus obs-websocket 5 defines (a superset of the shared Status, which lacks some). */
export const Code = {
  Success: 100,
  MissingRequestType: 203,
  UnknownRequestType: 204,
  GenericError: 205,
  UnsupportedRequestBatchExecutionType: 206,
  NotReady: 207,
  MissingRequestField: 300,
  MissingRequestData: 301,
  InvalidRequestField: 400,
  InvalidRequestFieldType: 401,
  RequestFieldOutOfRange: 402,
  RequestFieldEmpty: 403,
  TooManyRequestFields: 404,
  OutputRunning: 500,
  OutputNotRunning: 501,
  OutputPaused: 502,
  OutputNotPaused: 503,
  OutputDisabled: 504,
  StudioModeActive: 505,
  StudioModeNotActive: 506,
  ResourceNotFound: 600,
  ResourceAlreadyExists: 601,
  InvalidResourceType: 602,
  NotEnoughResources: 603,
  InvalidResourceState: 604,
  InvalidInputKind: 605,
  ResourceNotConfigurable: 606,
  InvalidFilterKind: 607,
  ResourceCreationFailed: 700,
  ResourceActionFailed: 701,
  RequestProcessingFailed: 702,
  CannotAct: 703,
} as const;

export class RequestError extends Error {
  constructor(
    readonly code: number,
    readonly comment?: string,
  ) {
    super(comment ?? `Request failed with status ${code}.`);
  }
}

export const success = (responseData?: Record<string, unknown>): RequestOutcome =>
  responseData === undefined
    ? { requestStatus: { result: true, code: Code.Success } }
    : { requestStatus: { result: true, code: Code.Success }, responseData };

export const failure = (code: number, comment?: string): RequestOutcome => ({
  requestStatus: comment === undefined ? { result: false, code } : { result: false, code, comment },
});

/** Stops the handler with this status; the registry answers with it. */
export function fail(code: number, comment?: string): never {
  throw new RequestError(code, comment);
}

/**
 * The value of a studio Result, or stops the handler with its error. Our error codes are
 * obs-websocket numbers already (src/shared/errors.ts), so they pass straight through.
 */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new RequestError(result.error.code, result.error.message);
}
