/**
 * An output state as a coloured word: idle, starting/connecting, live, reconnecting, failed, stopping.
 * `label` shows another word in a state's colours (a recording reads "recording" in live's red).
 */
export function StateBadge({ state, label, testid }: { state: string; label?: string; testid?: string }) {
  return (
    <span className={`state state-${state}`} data-testid={testid} data-state={label ?? state} role="status">
      {label ?? state}
    </span>
  );
}
