import { Field } from '../Field';
import { testId, type FieldProps, type PropertyOf } from '../types';
import { useDraft } from '../useDraft';

export function TextField({ property: p, value, onChange, id }: FieldProps<PropertyOf<'text'>>) {
  const draft = useDraft(typeof value === 'string' ? value : '');
  const common = {
    id,
    value: draft.value,
    maxLength: p.maxLength,
    'data-testid': testId(p.name),
    onFocus: draft.bind.onFocus,
    onBlur: draft.bind.onBlur,
    onChange: (e: { target: { value: string } }) => {
      draft.set(e.target.value);
      onChange(e.target.value);
    },
  };
  return (
    <Field label={p.label} htmlFor={id}>
      {p.multiline ? <textarea className="input textarea" rows={3} {...common} /> : <input className="input" type="text" {...common} />}
    </Field>
  );
}
