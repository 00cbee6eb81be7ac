import { Field } from '../Field';
import { formatNumber, parseNumber } from '../numbers';
import { testId, type FieldProps, type PropertyOf } from '../types';
import { useDraft } from '../useDraft';

/** int/float: sends each complete, in-range value as it is typed; anything else reverts on blur. */
export function NumberField({ property: p, value, onChange, id }: FieldProps<PropertyOf<'int' | 'float'>>) {
  const draft = useDraft(typeof value === 'number' ? formatNumber(value) : '');
  const rule = { min: p.min, max: p.max, integer: p.type === 'int' };
  const valid = parseNumber(draft.value, rule) !== null;
  return (
    <Field label={p.label} htmlFor={id}>
      <input
        id={id}
        className="input input-number"
        type="number"
        min={p.min}
        max={p.max}
        step={p.step ?? (p.type === 'int' ? 1 : 'any')}
        value={draft.value}
        aria-invalid={!valid}
        data-testid={testId(p.name)}
        onChange={(e) => {
          draft.set(e.target.value);
          const n = parseNumber(e.target.value, rule);
          if (n !== null) onChange(n);
        }}
        onFocus={draft.bind.onFocus}
        onBlur={() => {
          draft.bind.onBlur();
          if (!valid) draft.reset();
        }}
      />
      {p.suffix ? <span className="suffix">{p.suffix}</span> : null}
    </Field>
  );
}
