/**
 * obs-websocket v5 constants the transport speaks: op codes, close codes, the request status codes
 * the transport itself produces, batch execution types and the versions we announce.
 */

export const OpCode = {
  Hello: 0,
  Identify: 1,
  Identified: 2,
  Reidentify: 3,
  Event: 5,
  Request: 6,
  RequestResponse: 7,
  RequestBatch: 8,
  RequestBatchResponse: 9,
} as const;

export const CloseCode = {
  UnknownReason: 4000,
  MessageDecodeError: 4002,
  MissingDataField: 4003,
  InvalidDataFieldType: 4004,
  InvalidDataFieldValue: 4005,
  UnknownOpCode: 4006,
  NotIdentified: 4007,
  AlreadyIdentified: 4008,
  AuthenticationFailed: 4009,
  UnsupportedRpcVersion: 4010,
  SessionInvalidated: 4011,
  UnsupportedFeature: 4012,
} as const;

/** RFC 6455 codes used where obs-websocket has none of its own. */
export const WsCloseCode = {
  GoingAway: 1001,
  PolicyViolation: 1008,
  InternalError: 1011,
  TryAgainLater: 1013,
} as const;

/** The RequestStatus codes the transport answers with itself (handlers supply the rest). */
export const RequestCode = {
  Success: 100,
  MissingRequestType: 203,
  UnknownRequestType: 204,
  GenericError: 205,
  UnsupportedRequestBatchExecutionType: 206,
  InvalidRequestFieldType: 401,
} as const;

export const ExecutionType = {
  /** Not in a batch: what a plain Request runs as. */
  None: -1,
  SerialRealtime: 0,
  SerialFrame: 1,
  Parallel: 2,
} as const;
export type ExecutionTypeValue = (typeof ExecutionType)[keyof typeof ExecutionType];

export const RPC_VERSION = 1;
/** Versions announced in Hello (and for GetVersion): recent enough for every client we know of. */
export const OBS_WEBSOCKET_VERSION = '5.5.0';
export const OBS_STUDIO_VERSION = '31.0.0';

/** Companion string-matches these two reasons: keep them byte for byte. */
export const AUTH_MISSING_REASON =
  "Your payload's data is missing an `authentication` string, however authentication is required.";
export const AUTH_FAILED_REASON = 'Authentication failed.';

export interface CloseOrder {
  code: number;
  reason: string;
}

export const close = (code: number, reason: string): CloseOrder => ({ code, reason });
