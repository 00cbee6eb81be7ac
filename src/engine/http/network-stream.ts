/**
 * The hosts' route for a network stream source's bytes: `studio-stream:<input uuid>` asked for
 * through the media route (server mode's /media, behind its access secret; the desktop's
 * studio-media: scheme). While the pull is live the answer is one long response: the init segment,
 * the fragments since the last keyframe, then each fragment as FFmpeg writes it, ending when the
 * pull's attempt ends. While it is down: 503 with the reason, and the player waits for the engine's
 * media.problem to clear. The response's Content-Type carries the codecs MSE needs.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Status, fail } from '../../shared';
import type { Studio } from '../api';
import { MAX_READER_BACKLOG } from '../media/network-pull';
import { networkStreamUuid } from '../media/network-sources';
import { sendJson } from './respond';

const NOT_LIVE = 'The network stream is not live now; the source reconnects by itself.';

/** Node's http (server mode). */
export function serveNetworkStream(studio: Pick<Studio, 'networkStream'>, requested: string, req: IncomingMessage, res: ServerResponse): void {
  const uuid = networkStreamUuid(requested);
  const stream = uuid ? (studio.networkStream?.(uuid) ?? null) : null;
  if (!stream) {
    sendJson(res, 503, fail(Status.NotReady, NOT_LIVE));
    return;
  }
  res.statusCode = 200;
  res.setHeader('Content-Type', stream.mimeType);
  res.setHeader('Cache-Control', 'no-store');
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  res.flushHeaders();
  let stop: (() => void) | null = null;
  let done = false;
  const finish = (): void => {
    if (done) return;
    done = true;
    stop?.();
    if (!res.writableEnded) res.end();
  };
  const reading = stream.read({
    write(bytes) {
      if (done) return;
      // A page that stopped reading (a stalled tab) is cut off rather than buffered without end.
      if (res.writableLength > MAX_READER_BACKLOG) {
        finish();
        res.destroy();
        return;
      }
      res.write(bytes);
    },
    end: finish,
  });
  if (!reading.ok) {
    finish();
    return;
  }
  stop = reading.value;
  if (done) stop();
  res.on('close', finish);
}

/** A fetch Response (the desktop's protocol.handle). */
export function networkStreamResponse(studio: Pick<Studio, 'networkStream'>, requested: string, headers: Record<string, string> = {}): Response {
  const uuid = networkStreamUuid(requested);
  const stream = uuid ? (studio.networkStream?.(uuid) ?? null) : null;
  if (!stream) return new Response(NOT_LIVE, { status: 503, headers });
  let stop: (() => void) | null = null;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let done = false;
      const reading = stream.read({
        write(bytes) {
          if (done) return;
          if ((controller.desiredSize ?? 0) < -MAX_READER_BACKLOG) {
            done = true;
            stop?.();
            controller.error(new Error('the reader fell behind'));
            return;
          }
          controller.enqueue(new Uint8Array(bytes));
        },
        end() {
          if (done) return;
          done = true;
          controller.close();
        },
      });
      if (reading.ok) stop = reading.value;
      else controller.close();
    },
    cancel() {
      stop?.();
    },
  }, new ByteLengthQueuingStrategy({ highWaterMark: 0 }));
  return new Response(body, { status: 200, headers: { ...headers, 'Content-Type': stream.mimeType, 'Cache-Control': 'no-store' } });
}
