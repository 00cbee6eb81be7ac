import { Field } from '../Field';
import { testId, type FieldProps, type PropertyOf } from '../types';

/** Options keep their type (string or number): the select works on indexes. */
export function ListField({ property: p, value, onChange, id }: FieldProps<PropertyOf<'list'>>) {
  const index = p.options.findIndex((o) => o.value === value);
  return (
    <Field label={p.label} htmlFor={id}>
      <select
        id={id}
        className="input select"
        value={index < 0 ? '' : String(index)}
        data-testid={testId(p.name)}
        onChange={(e) => {
          const option = p.options[Number(e.target.value)];
          if (option) onChange(option.value);
        }}
      >
        {index < 0 ? <option value="">—</option> : null}
        {p.options.map((o, i) => (
          <option key={i} value={String(i)}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}
