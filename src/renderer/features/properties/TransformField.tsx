import type { Transform } from '../../../shared';
import { CommitNumberInput } from '../../forms/CommitNumberInput';
import type { NumberRule } from '../../forms/numbers';

interface Props {
  name: keyof Transform;
  label: string;
  value: number;
  rule?: NumberRule;
  step?: number;
  suffix?: string;
  onCommit(name: keyof Transform, value: number): Promise<{ ok: boolean }>;
}

export function TransformField({ name, label, value, rule, step, suffix, onCommit }: Props) {
  const id = `transform-${name}`;
  return (
    <div className="tf-field">
      <label htmlFor={id}>{label}</label>
      <div className="tf-input">
        <CommitNumberInput id={id} value={value} rule={rule} step={step} testId={id} onCommit={(v) => onCommit(name, v)} />
        {suffix ? <span className="suffix">{suffix}</span> : null}
      </div>
    </div>
  );
}
