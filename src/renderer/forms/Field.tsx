import type { ReactNode } from 'react';

interface Props {
  label: string;
  htmlFor: string;
  hint?: string;
  children: ReactNode;
}

/** One labelled row of a form: label on the left, control(s) on the right, optional hint below. */
export function Field({ label, htmlFor, hint, children }: Props) {
  return (
    <div className="field">
      <label className="field-label" htmlFor={htmlFor}>
        {label}
      </label>
      <div className="field-control">{children}</div>
      {hint ? <p className="field-hint">{hint}</p> : null}
    </div>
  );
}
