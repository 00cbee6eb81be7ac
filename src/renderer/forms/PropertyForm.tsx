import { useMemo } from 'react';
import type { KindDescriptor, Settings } from '../../shared';
import { PropertyField } from './PropertyField';

interface Props {
  kind: KindDescriptor;
  settings: Settings;
  onChange(name: string, value: unknown, now?: boolean): void;
  idPrefix: string;
}

/** A settings form generated from a kind's properties schema; unset values show the kind's defaults. */
export function PropertyForm({ kind, settings, onChange, idPrefix }: Props) {
  const values = useMemo(() => ({ ...kind.defaults, ...settings }), [kind, settings]);
  const note = kind.note ? (
    <p className="property-note" data-testid="kind-note">
      {kind.note}
    </p>
  ) : null;
  if (kind.properties.length === 0) return note ?? <p className="empty">This source has no properties.</p>;
  return (
    <div className="property-form">
      {note}
      {kind.properties.map((p) => (
        <PropertyField key={p.name} property={p} value={values[p.name]} onChange={onChange} idPrefix={idPrefix} />
      ))}
    </div>
  );
}
