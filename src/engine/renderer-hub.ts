/**
 * Connected renderers and who owns program output. Every renderer composites its own preview; only
 * the owner's frames reach the encoder, and it is told to send them (renderer.outputOwner) only while
 * the output runs, so an idle studio does not push 40 MB/s of frames nobody encodes.
 *
 * Ownership: a 'primary' claim (desktop window, headless compositor) beats a 'secondary' one (a
 * browser tab on the server URL); among equals the earliest claim wins; when the owner leaves, the
 * best remaining claimant takes over.
 */
import {
  Status,
  fail,
  ok,
  type CommandType,
  type DestinationState,
  type KindDescriptor,
  type RendererStats,
  type Result,
  type StudioDocument,
  type StudioEvent,
} from '../shared';
import type { RendererSession, RendererSink } from './api';

type Priority = 'primary' | 'secondary';

interface HubOptions {
  getDocument(): StudioDocument;
  outputActive(): boolean;
  kinds(): KindDescriptor[];
  streamState(): DestinationState;
  execute(type: CommandType, args: unknown): Promise<Result<unknown>>;
  pushFrame(message: Uint8Array, ack: (sequence: number) => void): void;
  reportRenderer(stats: RendererStats): void;
  startupNotices: { level: 'info' | 'warning' | 'error'; message: string }[];
}

interface Member {
  sink: RendererSink;
  claim: { priority: Priority; order: number } | null;
  /** What this member was last told about ownership, so we only send changes. */
  told: boolean | null;
}

export class RendererHub {
  private readonly members = new Set<Member>();
  private claims = 0;

  constructor(private readonly options: HubOptions) {}

  open(sink: RendererSink): RendererSession {
    const member: Member = { sink, claim: null, told: null };
    this.members.add(member);
    this.greet(member);
    let closed = false;
    return {
      call: async (type, args) => {
        if (closed) return fail(Status.NotReady, 'This renderer session is closed.');
        if (type === 'renderer.claimOutput') return this.claim(member, args);
        return this.options.execute(type, args);
      },
      frame: (message) => {
        if (closed) return;
        if (this.owner() === member && this.options.outputActive()) {
          this.options.pushFrame(message, (sequence) => member.sink.ack(sequence));
          return;
        }
        // Not wanted: acknowledge at once so the sender's flow control never stalls on us.
        const view = new DataView(message.buffer, message.byteOffset, message.byteLength);
        if (view.byteLength >= 24) member.sink.ack(view.getFloat64(16, true));
      },
      stats: (stats) => {
        if (!closed && this.owner() === member) this.options.reportRenderer(stats);
      },
      dispose: () => {
        if (closed) return;
        closed = true;
        this.members.delete(member);
        this.refreshOwnership();
      },
    };
  }

  broadcast(event: StudioEvent): void {
    for (const member of this.members) member.sink.event(event);
  }

  /** Re-evaluates who sends frames and tells every member whose answer changed. */
  refreshOwnership(): void {
    const owner = this.owner();
    const active = this.options.outputActive();
    for (const member of this.members) {
      const sending = active && member === owner;
      if (member.told === sending) continue;
      member.told = sending;
      member.sink.event({ type: 'renderer.outputOwner', data: { owner: sending } });
    }
  }

  dispose(): void {
    this.members.clear();
  }

  private claim(member: Member, args: unknown): Result<{ granted: boolean }> {
    const priority = (args as { priority?: unknown } | null)?.priority;
    if (priority !== 'primary' && priority !== 'secondary') {
      return fail(Status.InvalidRequestField, "priority must be 'primary' or 'secondary'.", 'priority');
    }
    member.claim = { priority, order: this.claims++ };
    this.refreshOwnership();
    return ok({ granted: this.owner() === member });
  }

  private owner(): Member | null {
    let best: Member | null = null;
    for (const member of this.members) {
      if (!member.claim) continue;
      if (!best?.claim) best = member;
      else if (rank(member.claim) < rank(best.claim)) best = member;
    }
    return best;
  }

  private greet(member: Member): void {
    const { sink } = member;
    sink.event({ type: 'kinds.list', data: { kinds: this.options.kinds() } });
    sink.event({ type: 'document.changed', data: { document: this.options.getDocument(), cause: 'hello' } });
    sink.event({ type: 'stream.state', data: { state: this.options.streamState() } });
    for (const notice of this.options.startupNotices) sink.event({ type: 'notice', data: notice });
    member.told = false;
    sink.event({ type: 'renderer.outputOwner', data: { owner: false } });
  }
}

/** Lower is better: primaries first, then the earliest claim. */
function rank(claim: { priority: Priority; order: number }): number {
  return (claim.priority === 'primary' ? 0 : 1e9) + claim.order;
}
