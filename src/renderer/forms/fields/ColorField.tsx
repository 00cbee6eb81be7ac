import { abgrToHex, alphaPercent, toAbgr, withAlphaPercent, withHex } from '../color';
import { Field } from '../Field';
import { parseNumber } from '../numbers';
import { testId, type FieldProps, type PropertyOf } from '../types';
import { useDraft } from '../useDraft';

/** OBS ABGR color as a native color picker (RGB) plus an opacity percentage, unless the kind reads no alpha. */
export function ColorField({ property: p, value, onChange, id }: FieldProps<PropertyOf<'color'>>) {
  const abgr = toAbgr(value);
  // The draft holds the whole ABGR value, so a quick RGB then alpha edit never loses the first one.
  const draft = useDraft(abgr);
  const alpha = useDraft(String(alphaPercent(abgr)));
  const emit = (next: number) => {
    draft.set(next);
    onChange(next);
  };
  return (
    <Field label={p.label} htmlFor={id}>
      <input
        id={id}
        className="input-color"
        type="color"
        value={abgrToHex(draft.value)}
        data-testid={testId(p.name)}
        onFocus={draft.bind.onFocus}
        onBlur={draft.bind.onBlur}
        onChange={(e) => emit(withHex(draft.value, e.target.value))}
      />
      {p.alpha === false ? null : (
        <>
          <input
            className="input input-number input-alpha"
            type="number"
            min={0}
            max={100}
            step={1}
            aria-label={`${p.label} opacity`}
            title="Opacity"
            value={alpha.value}
            data-testid={testId(p.name, 'alpha')}
            onFocus={alpha.bind.onFocus}
            onBlur={() => {
              alpha.bind.onBlur();
              alpha.reset();
            }}
            onChange={(e) => {
              alpha.set(e.target.value);
              const n = parseNumber(e.target.value, { min: 0, max: 100 });
              if (n !== null) emit(withAlphaPercent(draft.value, n));
            }}
          />
          <span className="suffix">%</span>
        </>
      )}
    </Field>
  );
}
