import { useState, type ReactNode } from 'react';

interface Props {
  label: string;
  /** Accessible name of the first button (e.g. "Remove scene Intro"). */
  title: string;
  confirmLabel?: string;
  onConfirm(): void;
  children: ReactNode;
}

/** A destructive action that asks once, in place (no blocking window.confirm). */
export function ConfirmButton({ label, title, confirmLabel = 'Remove', onConfirm, children }: Props) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="icon-button" title={title} aria-label={title} onClick={() => setAsking(true)}>
        {children}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={label}>
      <button
        type="button"
        className="button button-danger button-small"
        autoFocus
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" className="button button-small" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
