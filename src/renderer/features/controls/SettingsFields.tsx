import type { ReactNode } from 'react';
import type { FieldError, SettingsDraft } from './settingsForm';

export interface SectionProps {
  draft: SettingsDraft;
  set(patch: Partial<SettingsDraft>): void;
  errors: FieldError[];
}

interface RowProps {
  id: string;
  label: string;
  field?: keyof SettingsDraft;
  errors?: FieldError[];
  hint?: string;
  children: ReactNode;
}

/** A settings row: label, control, and the field's own error or hint below. */
export function SettingsRow({ id, label, field, errors, hint, children }: RowProps) {
  const error = field ? errors?.find((e) => e.field === field) : undefined;
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <div className="field-control">{children}</div>
      {error ? (
        <p className="field-error" role="alert">
          {error.message}
        </p>
      ) : hint ? (
        <p className="field-hint">{hint}</p>
      ) : null}
    </div>
  );
}
