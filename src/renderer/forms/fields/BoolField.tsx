import { testId, type FieldProps, type PropertyOf } from '../types';

export function BoolField({ property: p, value, onChange, id }: FieldProps<PropertyOf<'bool'>>) {
  return (
    <div className="field field-check">
      <input
        id={id}
        type="checkbox"
        checked={value === true}
        data-testid={testId(p.name)}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label htmlFor={id}>{p.label}</label>
    </div>
  );
}
