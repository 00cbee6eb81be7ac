/**
 * The frame pool under a bridge that transfers (detaches) what it sends: a detached message is
 * never handed out again, and the next acquire gets a whole buffer.
 */
import { describe, expect, it } from 'vitest';
import { FRAME_HEADER_BYTES } from '../../shared';
import { FramePool } from './pool';

describe('FramePool', () => {
  it('reuses a message a copying bridge left whole', () => {
    const pool = new FramePool();
    pool.resize(64);
    const m = pool.acquire();
    pool.release(m);
    expect(pool.acquire()).toBe(m);
  });

  it('drops a message a transferring bridge detached, and allocates a whole one', () => {
    const pool = new FramePool();
    pool.resize(64);
    const m = pool.acquire();
    const moved = structuredClone(m.buffer, { transfer: [m.buffer] });
    expect(moved.byteLength).toBe(FRAME_HEADER_BYTES + 64);
    expect(m.buffer.byteLength).toBe(0);
    pool.release(m);
    const next = pool.acquire();
    expect(next === m).toBe(false);
    expect(next.buffer.byteLength).toBe(FRAME_HEADER_BYTES + 64);
    expect(next.payload.byteLength).toBe(64);
    next.payload.fill(1);
    next.header.setUint32(0, 1, true);
  });
});
