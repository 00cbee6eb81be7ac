import { CommitNumberInput } from '../CommitNumberInput';
import { Field } from '../Field';
import { testId, type FieldProps, type PropertyOf } from '../types';

/**
 * int/float: sent when the edit is committed (Enter, leaving the field, a spinner step), never per
 * keystroke: typing "250" into a −180…180 field once saved its in-range start, 25. Text that is not
 * a number in range reverts to the value in use.
 */
export function NumberField({ property: p, value, onChange, id }: FieldProps<PropertyOf<'int' | 'float'>>) {
  const rule = { min: p.min, max: p.max, integer: p.type === 'int' };
  return (
    <Field label={p.label} htmlFor={id}>
      <CommitNumberInput
        id={id}
        value={typeof value === 'number' ? value : Number.NaN}
        rule={rule}
        step={p.step ?? (p.type === 'int' ? 1 : 'any')}
        testId={testId(p.name)}
        onCommit={(n) => onChange(n)}
      />
      {p.suffix ? <span className="suffix">{p.suffix}</span> : null}
    </Field>
  );
}
