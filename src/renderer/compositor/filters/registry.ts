/** Video filter kinds by id; the filter chain looks runtimes up here. */
import type { FilterKind } from './types';

const kinds = new Map<string, FilterKind>();

export function registerFilter(kind: FilterKind): void {
  kinds.set(kind.id, kind);
}

export function filterKind(id: string): FilterKind | undefined {
  return kinds.get(id);
}

export function registeredFilterKinds(): string[] {
  return [...kinds.keys()];
}
