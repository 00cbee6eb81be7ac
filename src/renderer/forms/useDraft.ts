/**
 * Local editing state for a field that mirrors an engine value. While the field has focus the user's
 * text wins, so echoes of earlier edits never move the caret; without focus, every new engine value
 * replaces the draft.
 */
import { useCallback, useState } from 'react';

export interface Draft<T> {
  value: T;
  set(value: T): void;
  /** Back to the engine's value (after an edit that cannot be sent). */
  reset(): void;
  /** Spread onto the element: tracks focus. */
  bind: { onFocus(): void; onBlur(): void };
}

export function useDraft<T>(external: T): Draft<T> {
  const [value, setValue] = useState(external);
  const [seen, setSeen] = useState(external);
  const [focused, setFocused] = useState(false);

  // Adopt a new engine value during render (React's "adjust state when a prop changes" pattern).
  if (!Object.is(seen, external)) {
    setSeen(external);
    if (!focused) setValue(external);
  }

  const reset = useCallback(() => setValue(external), [external]);
  const onFocus = useCallback(() => setFocused(true), []);
  const onBlur = useCallback(() => setFocused(false), []);
  return { value, set: setValue, reset, bind: { onFocus, onBlur } };
}
