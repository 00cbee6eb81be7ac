import { formatEntries, parseEntries } from '../entries';
import { Field } from '../Field';
import { testId, type FieldProps, type PropertyOf } from '../types';
import { useDraft } from '../useDraft';

/** Why these entries cannot be kept as typed, or null: said beside the field, and nothing is sent. */
export function entriesProblem(entries: Record<string, string>[], p: PropertyOf<'entries'>): string | null {
  if (entries.length > p.maxItems) return `At most ${p.maxItems} entries are kept; this has ${entries.length}. Remove ${entries.length - p.maxItems} to save.`;
  for (const [i, entry] of entries.entries()) {
    for (const field of p.fields) {
      const text = entry[field] ?? '';
      if (text.length > p.maxLength) return `Entry ${i + 1}: its ${field} has ${text.length} characters; at most ${p.maxLength} are kept.`;
    }
  }
  return null;
}

/**
 * A list of records edited as lines of "field | field | field" (see entries.ts). Text the studio
 * cannot keep (too many entries, a field too long) is not sent, and stays in the box with the reason
 * beside it, so nothing typed is dropped in silence.
 */
export function EntriesField({ property: p, value, onChange, id }: FieldProps<PropertyOf<'entries'>>) {
  const draft = useDraft(formatEntries(value, p.fields));
  const problem = entriesProblem(parseEntries(draft.value, p.fields), p);
  return (
    <Field label={p.label} htmlFor={id} hint={problem ?? undefined}>
      <textarea
        id={id}
        className="input textarea"
        rows={4}
        value={draft.value}
        placeholder={p.fields.join(' | ')}
        aria-invalid={problem !== null}
        data-testid={testId(p.name)}
        onFocus={draft.bind.onFocus}
        onBlur={draft.bind.onBlur}
        onChange={(e) => {
          draft.set(e.target.value);
          const entries = parseEntries(e.target.value, p.fields);
          if (!entriesProblem(entries, p)) onChange(entries);
        }}
      />
    </Field>
  );
}
