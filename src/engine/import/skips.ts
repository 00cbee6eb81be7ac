/** What an import could not bring over, each by name with the reason: nothing is dropped unsaid. */
import type { ImportSkip } from '../../shared';

export class Skips {
  readonly list: ImportSkip[] = [];

  add(name: string, reason: string): void {
    this.list.push({ name, reason });
  }
}
