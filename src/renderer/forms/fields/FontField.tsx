import { useMemo } from 'react';
import type { FontSetting } from '../../../shared';
import { Field } from '../Field';
import { FONT_BOLD, FONT_ITALIC, toFont, withFlag } from '../font';
import { parseNumber } from '../numbers';
import { testId, type FieldProps, type PropertyOf } from '../types';
import { useDraft } from '../useDraft';

/** Face, size, bold, italic. The draft is the whole font so quick edits to two parts both stick. */
export function FontField({ property: p, value, onChange, id }: FieldProps<PropertyOf<'font'>>) {
  const external = useMemo(() => toFont(value), [value]);
  const font = useDraft(external);
  const size = useDraft(String(external.size));
  const emit = (next: FontSetting) => {
    font.set(next);
    onChange(next);
  };
  const f = font.value;
  return (
    <Field label={p.label} htmlFor={id}>
      <div className="font-field" onFocus={font.bind.onFocus} onBlur={font.bind.onBlur}>
        <input
          id={id}
          className="input input-face"
          type="text"
          aria-label={`${p.label} face`}
          value={f.face}
          data-testid={testId(p.name)}
          onChange={(e) => emit({ ...f, face: e.target.value })}
        />
        <input
          className="input input-number input-size"
          type="number"
          min={1}
          max={1024}
          aria-label={`${p.label} size`}
          value={size.value}
          data-testid={testId(p.name, 'size')}
          onFocus={size.bind.onFocus}
          onBlur={() => {
            size.bind.onBlur();
            size.reset();
          }}
          onChange={(e) => {
            size.set(e.target.value);
            const n = parseNumber(e.target.value, { min: 1, max: 1024, integer: true });
            if (n !== null) emit({ ...f, size: n });
          }}
        />
        <label className="toggle-text" title="Bold">
          <input
            type="checkbox"
            checked={(f.flags & FONT_BOLD) !== 0}
            data-testid={testId(p.name, 'bold')}
            onChange={(e) => emit(withFlag(f, FONT_BOLD, e.target.checked))}
          />
          <b>B</b>
        </label>
        <label className="toggle-text" title="Italic">
          <input
            type="checkbox"
            checked={(f.flags & FONT_ITALIC) !== 0}
            data-testid={testId(p.name, 'italic')}
            onChange={(e) => emit(withFlag(f, FONT_ITALIC, e.target.checked))}
          />
          <i>I</i>
        </label>
      </div>
    </Field>
  );
}
