import { useEffect, useRef } from 'react';
import { Field } from '../Field';
import { testId, type FieldProps, type PropertyOf } from '../types';
import { useDraft } from '../useDraft';

/**
 * A file path typed by hand. It is sent only when committed (change, blur, Enter): a half-typed
 * path would make the engine report a missing file on every key.
 */
export function PathField({ property: p, value, onChange, id }: FieldProps<PropertyOf<'path'>>) {
  const external = typeof value === 'string' ? value : '';
  const draft = useDraft(external);
  const ref = useRef<HTMLInputElement>(null);
  const latest = useRef({ external, onChange });
  useEffect(() => {
    latest.current = { external, onChange };
  });

  // React's onChange is the DOM input event; the native change event is the commit.
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const commit = () => {
      if (el.value !== latest.current.external) latest.current.onChange(el.value, true);
    };
    el.addEventListener('change', commit);
    return () => el.removeEventListener('change', commit);
  }, []);

  return (
    <Field
      label={p.label}
      htmlFor={id}
      hint={`Type the full path of a file on the machine running the studio engine (${p.filter}); the browser cannot open a file dialog there.`}
    >
      <input
        ref={ref}
        id={id}
        className="input input-path"
        type="text"
        spellCheck={false}
        placeholder="/path/to/file"
        value={draft.value}
        data-testid={testId(p.name)}
        onFocus={draft.bind.onFocus}
        onBlur={draft.bind.onBlur}
        onChange={(e) => draft.set(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') e.currentTarget.blur();
        }}
      />
    </Field>
  );
}
