/**
 * Typed errors that cross a boundary (engine ↔ renderer, engine ↔ remote clients).
 * Codes are obs-websocket v5 RequestStatus numbers where one fits, so the remote API can pass them
 * through unchanged; the 9xx range is ours for failures OBS has no code for.
 */
export const Status = {
  Success: 100,
  NotReady: 207,
  MissingRequestField: 300,
  InvalidRequestField: 400,
  InvalidRequestFieldType: 401,
  OutOfRange: 402,
  FieldEmpty: 403,
  OutputRunning: 500,
  OutputNotRunning: 501,
  /** A preview-scene command or a take while studio mode is off (obs-websocket's own code). */
  StudioModeNotActive: 506,
  ResourceNotFound: 600,
  ResourceAlreadyExists: 601,
  InvalidResourceType: 602,
  InvalidResourceState: 604,
  InvalidInputKind: 605,
  /** A filter kind that is not registered (obs-websocket's own code). */
  InvalidFilterKind: 607,
  CreationFailed: 700,
  ActionFailed: 701,
  RequestProcessingFailed: 702,
  /** The request is understood but cannot be done (a scene inside itself: obs-websocket's own code). */
  CannotAct: 703,
  /** No usable FFmpeg binary was found in any of the places we look. */
  FfmpegNotFound: 900,
  /** A file the document refers to (image, collection) cannot be read. */
  FileUnreadable: 901,
  /** The destination could not be reached or refused the stream. */
  DestinationUnreachable: 902,
  /** A command only the host process may run (see HOST_ONLY_COMMANDS) came from a renderer or client. */
  HostOnly: 903,
} as const;
export type StatusCode = (typeof Status)[keyof typeof Status];

export interface StudioError {
  code: StatusCode;
  /** One sentence a user can act on. Never contains a secret. */
  message: string;
  /** Which field of the request was wrong, when one was. */
  field?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: StudioError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: StatusCode, message: string, field?: string): Result<never> => ({
  ok: false,
  error: field === undefined ? { code, message } : { code, message, field },
});
