import type { Property } from '../../shared';

export type PropertyOf<T extends Property['type']> = Extract<Property, { type: T }>;

export interface FieldProps<P extends Property> {
  property: P;
  /** The current setting (the input's value, or the kind's default). */
  value: unknown;
  /** `now` skips the debounce: for values that must not be sent half-typed (file paths). */
  onChange(value: unknown, now?: boolean): void;
  /** DOM id of the main control, for its label. */
  id: string;
}

export const testId = (name: string, part?: string): string => (part ? `prop-${name}-${part}` : `prop-${name}`);
