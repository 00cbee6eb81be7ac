/**
 * Turns an FFmpeg exit (status plus its last stderr lines, already redacted) into something a user
 * can act on. The kind also tells a supervisor whether retrying can help: a rejected key or a
 * malformed URL will fail the same way every time, a refused or lost connection may not.
 */
import { Status, type StudioError } from '../../shared';

export type FailureKind =
  | 'refused'
  | 'dns'
  | 'unreachable'
  | 'lost'
  | 'rejected'
  | 'certificate'
  | 'url'
  | 'encoder'
  | 'killed'
  | 'generic';

export interface ExitFailure {
  kind: FailureKind;
  /** Whether trying again unchanged can succeed. */
  retryable: boolean;
  error: StudioError;
}

export interface ExitStatus {
  code: number | null;
  signal: string | null;
  /** Whether FFmpeg had opened its output (printed "Output #0") before it ended. */
  outputOpened?: boolean;
}

const has = (lines: readonly string[], re: RegExp): boolean => lines.some((l) => re.test(l));

export function classifyExit(lines: readonly string[], status: ExitStatus): ExitFailure {
  const opened = status.outputOpened ?? has(lines, /^Output #0/);
  const make = (kind: FailureKind, retryable: boolean, code: StudioError['code'], message: string): ExitFailure => ({
    kind,
    retryable,
    error: { code, message },
  });
  const net = Status.DestinationUnreachable;

  if (has(lines, /NetStream\.Publish\.(?:BadName|Rejected|Denied)|NetConnection\.Connect\.Rejected|authenticat\w* fail|unauthori[sz]ed|40[13] (?:Forbidden|Unauthorized)|HTTP error 40[13]|access denied/i)) {
    return make('rejected', false, net, 'The server refused the stream; check the stream key and the server URL.');
  }
  // Before the I/O error that follows it: a stream key must not go to a server that cannot prove who it is.
  if (has(lines, /Peer certificate failed verification|certificate verify failed|certificate is NOT trusted|certificate (?:has expired|is not yet valid)|hostname mismatch/i)) {
    return make(
      'certificate',
      false,
      net,
      "The server's TLS certificate could not be verified (not from a trusted authority, expired, or for another host name), so the stream key was not sent; check the rtmps:// address, or trust a private authority with STUDIO_NETWORK_CA_FILE.",
    );
  }
  if (has(lines, /Failed to resolve hostname|Name or service not known|Temporary failure in name resolution|nodename nor servname|No address associated with hostname/i)) {
    return make('dns', true, net, "The server's host name could not be found; check the server URL and your network.");
  }
  if (has(lines, /Connection refused/i)) {
    return make('refused', true, net, 'The server refused the connection; check that it is running and that the host and port in the URL are right.');
  }
  // libsrt says only "Connection to srt://… failed: Input/output error" when no listener answers.
  if (has(lines, /^\[srt @ [^\]]*\] Connection to .* failed/)) {
    return make('unreachable', true, net, 'The SRT listener could not be reached; check that it is running and that the host and port in the URL are right.');
  }
  if (has(lines, /Network is unreachable|No route to host|Host is down|Connection timed out|handshake/i)) {
    return make('unreachable', true, net, 'The server could not be reached; check the server URL and your network.');
  }
  if (has(lines, /Protocol not found|Port missing in uri|Invalid URL|Unable to find a suitable output format|No such file or directory/i)) {
    return make('url', false, Status.InvalidRequestField, 'FFmpeg cannot use this server URL; check that it is a complete rtmp://, rtmps:// or srt:// address.');
  }
  if (has(lines, /Unknown encoder|Encoder not found|Error while opening encoder|Could not open encoder|Error initializing output stream|Error setting option|Unrecognized option|Option not found|x264 \[error\]|Invalid (?:preset|profile|tune)/i)) {
    const detail = encoderError(lines) ?? lastError(lines);
    return make('encoder', false, Status.ActionFailed, `The video encoder could not start${detail ? ` (${detail})` : ''}; check the encoder settings.`);
  }
  if (opened && has(lines, /Broken pipe|Connection reset|End of file|Input\/output error|timed out/i)) {
    return make('lost', true, net, 'The connection to the server was lost.');
  }
  // Connected, then the server closed the session before FFmpeg could open its output: that is how
  // nginx-rtmp (and many services) answer a publish they reject — FFmpeg only says "I/O error".
  if (!opened && has(lines, /: (?:Input\/output error|End of file)$/)) {
    return make('rejected', false, net, 'The server closed the connection when the stream started; check the stream key and the server URL.');
  }
  if (status.signal) {
    return make('killed', true, Status.ActionFailed, `FFmpeg was stopped by ${status.signal} from outside the studio.`);
  }
  const detail = lastError(lines);
  return make(
    'generic',
    true,
    Status.ActionFailed,
    `FFmpeg stopped unexpectedly (exit code ${String(status.code)})${detail ? `: ${detail}` : ''}.`,
  );
}

/** The encoder's own complaint ("[libx264 @ 0x…] Error setting preset…"), which says more than FFmpeg's summary. */
function encoderError(lines: readonly string[]): string | null {
  const line = lines.find((l) => /^\[[\w-]+ @ [^\]]*\].*(?:error|invalid|unknown|not supported|cannot)/i.test(l));
  return line ? clip(line.replace(/^\[[^\]]+\]\s*/, '').trim()) : null;
}

const clip = (line: string): string => (line.length > 160 ? `${line.slice(0, 157)}...` : line);

/** The last line that reads like an error, trimmed to something that fits in a message. */
function lastError(lines: readonly string[]): string | null {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!.replace(/^\[[^\]]+\]\s*/, '').trim();
    if (/error|fail|invalid|cannot|could not|unable|not found|refused|denied/i.test(line) && !/^Conversion failed!?$/.test(line)) {
      return clip(line);
    }
  }
  return null;
}
