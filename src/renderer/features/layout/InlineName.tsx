import { useRef, useState } from 'react';

interface Props {
  initial: string;
  label: string;
  testId?: string;
  /** Renames cancel when the name is unchanged; creation accepts the suggested name as is. */
  acceptUnchanged?: boolean;
  onSubmit(name: string): void;
  onCancel(): void;
}

/** A name field that commits on Enter or blur and cancels on Escape (or when left empty). */
export function InlineName({ initial, label, testId, acceptUnchanged = false, onSubmit, onCancel }: Props) {
  const [value, setValue] = useState(initial);
  // Enter unmounts the field, and some browsers then send a blur: finish only once.
  const done = useRef(false);
  const finish = (submit: boolean) => {
    if (done.current) return;
    done.current = true;
    const name = value.trim();
    if (!submit || name === '' || (name === initial && !acceptUnchanged)) onCancel();
    else onSubmit(name);
  };
  return (
    <input
      className="input inline-name"
      type="text"
      aria-label={label}
      autoFocus
      value={value}
      data-testid={testId}
      onChange={(e) => setValue(e.target.value)}
      onFocus={(e) => e.currentTarget.select()}
      onBlur={() => finish(true)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === 'Escape') {
          e.preventDefault();
          finish(e.key === 'Enter');
        }
      }}
    />
  );
}
