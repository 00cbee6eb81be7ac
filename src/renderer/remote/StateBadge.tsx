/** An output state as a coloured word: idle, starting/connecting, live, reconnecting, failed, stopping. */
export function StateBadge({ state, testid }: { state: string; testid?: string }) {
  return (
    <span className={`state state-${state}`} data-testid={testid} role="status">
      {state}
    </span>
  );
}
