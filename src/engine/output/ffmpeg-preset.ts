/**
 * The text of an FFmpeg preset file (`-fpre FILE`): one `name=value` option per line, applied to
 * the next output as if given on the command line. It is how secret protocol options (publish-url.ts)
 * reach FFmpeg without entering its argv: FFmpeg 5.1 and 6.1 have no other way to read options
 * from a file (`-/option file` arrived in 7.0), and every version since 0.6 reads presets.
 *
 * FFmpeg's reader takes a line up to its first '=' as the name and the rest, up to the line break,
 * as the value; it reads lines into a 1000-byte buffer, skips lines that start with '#', and stops
 * with "Invalid syntax" on an empty value. So a value may hold anything but a line break, and
 * must be short enough for the buffer.
 */
import { Status, fail, ok, type Result } from '../../shared';

/** Bytes of one line FFmpeg reads whole (its buffer, less the newline and the terminator). */
export const MAX_PRESET_LINE = 998;

export function presetText(options: ReadonlyArray<readonly [string, string]>): Result<string> {
  let text = '';
  for (const [name, value] of options) {
    if (!/^[a-z][a-z0-9_]*$/.test(name)) return fail(Status.InvalidRequestField, `"${name}" is not an FFmpeg option name.`, 'server');
    if (!value) continue;
    if (/[\r\n]/.test(value)) {
      return fail(Status.InvalidRequestField, 'The server URL or stream key contains a line break; remove it.', 'server');
    }
    const line = `${name}=${value}`;
    if (Buffer.byteLength(line) > MAX_PRESET_LINE) {
      return fail(
        Status.InvalidRequestField,
        `The stream key or the server URL's path is too long for FFmpeg (at most ${MAX_PRESET_LINE - name.length - 1} bytes).`,
        'server',
      );
    }
    text += `${line}\n`;
  }
  return ok(text);
}
