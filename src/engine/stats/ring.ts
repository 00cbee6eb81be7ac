/**
 * A fixed-size ring of the newest items: pushing past the capacity overwrites the oldest. The stats
 * history pushes one sample a second for hours, so it must neither grow nor copy on every push.
 */
export class Ring<T> {
  private readonly items: (T | undefined)[];
  /** Index the next push writes to. */
  private head = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`Ring capacity must be a positive integer, not ${capacity}.`);
    this.items = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  push(item: T): void {
    this.items[this.head] = item;
    this.head = (this.head + 1) % this.capacity;
    this.count = Math.min(this.capacity, this.count + 1);
  }

  /** The newest `n` (all when n is absent), oldest first. */
  last(n = this.count): T[] {
    const k = Math.max(0, Math.min(n, this.count));
    const out: T[] = [];
    for (let i = k; i > 0; i--) out.push(this.items[(this.head - i + this.capacity) % this.capacity] as T);
    return out;
  }
}
