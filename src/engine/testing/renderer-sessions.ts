/**
 * Renderer sessions for engine tests: each one claims program output, as a compositor does, and
 * is disposed of by disposeAll (in afterEach).
 */
import type { RendererSession, Studio } from '../api';

export class RendererSessions {
  private readonly open: RendererSession[] = [];

  constructor(private readonly studio: () => Studio) {}

  /** A session that claimed output with this priority; throws when the claim is refused. */
  async claim(priority: 'primary' | 'secondary'): Promise<RendererSession> {
    const session = this.studio().openRendererSession({ event: () => {}, ack: () => {} });
    this.open.push(session);
    const claimed = await session.call('renderer.claimOutput', { priority });
    if (!claimed.ok) throw new Error(`renderer.claimOutput failed: ${claimed.error.message}`);
    return session;
  }

  disposeAll(): void {
    for (const s of this.open.splice(0)) s.dispose();
  }
}
