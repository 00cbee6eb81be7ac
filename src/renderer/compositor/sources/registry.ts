/** Source kinds by id; the compositor looks runtimes up here. */
import type { SourceKind } from './types';

const kinds = new Map<string, SourceKind>();

export function registerSource(kind: SourceKind): void {
  kinds.set(kind.id, kind);
}

export function sourceKind(id: string): SourceKind | undefined {
  return kinds.get(id);
}

export function registeredSourceKinds(): string[] {
  return [...kinds.keys()];
}
