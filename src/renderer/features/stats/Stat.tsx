interface Props {
  label: string;
  value: string;
  testId?: string;
  /** Draws attention (e.g. frames being dropped). */
  warn?: boolean;
}

export function Stat({ label, value, testId, warn }: Props) {
  return (
    <div className={warn ? 'stat stat-warn' : 'stat'}>
      <span className="stat-label">{label}</span>
      <span className="stat-value" data-testid={testId}>
        {value}
      </span>
    </div>
  );
}
