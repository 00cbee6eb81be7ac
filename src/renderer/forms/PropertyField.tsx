import type { Property } from '../../shared';
import { BoolField } from './fields/BoolField';
import { ColorField } from './fields/ColorField';
import { EntriesField } from './fields/EntriesField';
import { FontField } from './fields/FontField';
import { ListField } from './fields/ListField';
import { NumberField } from './fields/NumberField';
import { PathField } from './fields/PathField';
import { TextField } from './fields/TextField';

interface Props {
  property: Property;
  value: unknown;
  onChange(name: string, value: unknown, now?: boolean): void;
  idPrefix: string;
}

/** Picks the control for one property of a kind's schema. */
export function PropertyField({ property, value, onChange, idPrefix }: Props) {
  const id = `${idPrefix}-${property.name}`;
  const change = (v: unknown, now?: boolean) => onChange(property.name, v, now);
  switch (property.type) {
    case 'int':
    case 'float':
      return <NumberField property={property} value={value} onChange={change} id={id} />;
    case 'bool':
      return <BoolField property={property} value={value} onChange={change} id={id} />;
    case 'text':
      return <TextField property={property} value={value} onChange={change} id={id} />;
    case 'color':
      return <ColorField property={property} value={value} onChange={change} id={id} />;
    case 'path':
      return <PathField property={property} value={value} onChange={change} id={id} />;
    case 'font':
      return <FontField property={property} value={value} onChange={change} id={id} />;
    case 'list':
      return <ListField property={property} value={value} onChange={change} id={id} />;
    case 'entries':
      return <EntriesField property={property} value={value} onChange={change} id={id} />;
  }
}
