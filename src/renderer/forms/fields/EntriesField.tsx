import { formatEntries, parseEntries } from '../entries';
import { Field } from '../Field';
import { testId, type FieldProps, type PropertyOf } from '../types';
import { useDraft } from '../useDraft';

/** A list of records edited as lines of "field | field | field" (see entries.ts). */
export function EntriesField({ property: p, value, onChange, id }: FieldProps<PropertyOf<'entries'>>) {
  const draft = useDraft(formatEntries(value, p.fields));
  return (
    <Field label={p.label} htmlFor={id}>
      <textarea
        id={id}
        className="input textarea"
        rows={4}
        value={draft.value}
        placeholder={p.fields.join(' | ')}
        data-testid={testId(p.name)}
        onFocus={draft.bind.onFocus}
        onBlur={draft.bind.onBlur}
        onChange={(e) => {
          draft.set(e.target.value);
          onChange(parseEntries(e.target.value, p.fields).slice(0, p.maxItems));
        }}
      />
    </Field>
  );
}
