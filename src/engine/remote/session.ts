/**
 * One obs-websocket connection: its encoding, identification state, subscriptions and counters.
 * Owns its timers; sending never throws, and nothing is sent once the session is closing.
 */
import { WebSocket } from 'ws';
import type { Clock, Logger, TimerHandle } from '../api';
import { EventSubscription, type RemoteSession } from './types';
import { clipReason, type Codec, type Encoding } from './codec';
import { RPC_VERSION } from './protocol';

/** Past this backlog the peer is not reading: high-volume events are skipped for it. */
const SKIP_HIGH_VOLUME_BYTES = 1 << 20;
/** Past this backlog the peer has stopped reading altogether: the session is closed. */
const MAX_BACKLOG_BYTES = 32 << 20;

export class Session implements RemoteSession {
  identified = false;
  rpcVersion = RPC_VERSION;
  eventSubscriptions: number = EventSubscription.All;
  incoming = 0;
  outgoing = 0;
  /** Answered the last heartbeat ping. */
  alive = true;
  private closing = false;
  private closed = false;
  private readonly closedWaiters: Array<() => void> = [];
  private identifyTimer: TimerHandle | null = null;

  constructor(
    readonly id: string,
    readonly encoding: Encoding,
    /** Throttle key of the peer's address. */
    readonly peer: string,
    /** This connection's authentication challenge; null when authentication is off. */
    readonly challenge: string | null,
    private readonly ws: WebSocket,
    private readonly codec: Codec,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    ws.once('close', () => {
      this.closed = true;
      this.disarm();
      for (const waiter of this.closedWaiters.splice(0)) waiter();
    });
  }

  /** The socket has fully closed. */
  get isClosed(): boolean {
    return this.closed;
  }

  onClosed(fn: () => void): void {
    if (this.closed) fn();
    else this.closedWaiters.push(fn);
  }

  get isClosing(): boolean {
    return this.closing || this.ws.readyState !== WebSocket.OPEN;
  }

  /** Closes the session unless it identifies within ms. */
  armIdentifyTimeout(ms: number, onTimeout: () => void): void {
    this.identifyTimer = this.clock.setTimeout(() => {
      this.identifyTimer = null;
      if (!this.identified) onTimeout();
    }, ms);
  }

  markIdentified(): void {
    this.identified = true;
    this.disarm();
  }

  /** Encodes and sends one message. False when it could not be encoded or the session is closing. */
  send(message: unknown): boolean {
    if (this.isClosing) return false;
    let frame: string | Uint8Array;
    try {
      frame = this.codec.encode(this.encoding, message);
    } catch (error) {
      this.logger.log('error', 'an obs-websocket message could not be encoded', { session: this.id, error: String(error) });
      return false;
    }
    return this.sendFrame(frame);
  }

  /** Sends an already encoded frame (events are encoded once for every session). */
  sendFrame(frame: string | Uint8Array, highVolume = false): boolean {
    if (this.isClosing) return false;
    const backlog = this.ws.bufferedAmount;
    if (backlog > MAX_BACKLOG_BYTES) {
      this.close(1008, 'Your client stopped reading messages.');
      return false;
    }
    if (highVolume && backlog > SKIP_HIGH_VOLUME_BYTES) return false;
    this.outgoing += 1;
    this.ws.send(frame, { binary: this.encoding === 'msgpack' });
    return true;
  }

  close(code: number, reason: string): void {
    this.disarm();
    if (this.closing) return;
    this.closing = true;
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) {
      try {
        this.ws.close(code, clipReason(reason));
      } catch {
        this.ws.terminate();
      }
    }
  }

  /** Drops the connection without a closing handshake (a dead peer, a shutdown that waited enough). */
  terminate(): void {
    this.disarm();
    this.closing = true;
    this.ws.terminate();
  }

  ping(): void {
    if (this.isClosing) return;
    this.alive = false;
    try {
      this.ws.ping();
    } catch {
      // The socket is going away; the close event will clean up.
    }
  }

  /** Releases the timers; called when the socket has closed. */
  disarm(): void {
    if (this.identifyTimer !== null) this.clock.clearTimeout(this.identifyTimer);
    this.identifyTimer = null;
  }
}
