import { useEffect, useState, type ReactNode } from 'react';

/**
 * For taps that take something off air. The first tap turns the button into "Tap again to stop"
 * (its slot widens and the confirm keeps the right of it, where the first tap landed, so a deliberate
 * double tap works) beside a Cancel; only the second tap acts.
 * No timer: a slow tablet cannot make the second tap miss, and the choice stays until it is made,
 * cancelled, or the action is no longer possible.
 */
export function ConfirmButton({
  children,
  confirmLabel,
  onConfirm,
  disabled,
  testid,
  className = 'button',
}: {
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  disabled?: boolean;
  testid?: string;
  className?: string;
}) {
  const [armed, setArmed] = useState(false);
  const off = disabled === true;

  // The stream stopped some other way (or the connection dropped): nothing left to confirm.
  useEffect(() => {
    if (off) setArmed(false);
  }, [off]);

  if (!armed || off) {
    return (
      <button type="button" className={className} data-testid={testid} disabled={off} onClick={() => setArmed(true)}>
        {children}
      </button>
    );
  }
  return (
    <span className="confirm" role="group">
      <button type="button" className="button" data-testid={testid ? `${testid}-cancel` : undefined} onClick={() => setArmed(false)}>
        Cancel
      </button>
      <button
        type="button"
        className={`${className} is-armed`}
        data-testid={testid}
        data-armed="true"
        autoFocus
        onClick={() => {
          setArmed(false);
          onConfirm();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setArmed(false);
        }}
      >
        {confirmLabel}
      </button>
    </span>
  );
}
