import { choosableDevices, type MediaDevice } from '../../../shared';
import { useStudio } from '../../stores/context';
import { Field } from '../Field';
import { outputOptions } from '../outputs';
import { testId, type FieldProps, type PropertyOf } from '../types';
import { useOutputs } from '../useOutputs';

type Option = { label: string; value: string | number };

/** Options keep their type (string or number): the select works on indexes. */
export function ListField(props: FieldProps<PropertyOf<'list'>>) {
  if (props.property.devices === 'monitor') return <OutputListField {...props} />;
  if (props.property.devices) return <DeviceListField {...props} />;
  return <Select {...props} options={props.property.options} />;
}

/** A device list (camera): the kind's fixed choices, then the devices the compositor reported. */
function DeviceListField(props: FieldProps<PropertyOf<'list'>>) {
  const devices = useStudio((s) => s.devices);
  return <Select {...props} options={deviceOptions(props.property, devices, props.value)} />;
}

/** Desktop audio's outputs: listed by the engine, asked for when the field opens and on focus. */
function OutputListField(props: FieldProps<PropertyOf<'list'>>) {
  const { outputs, refresh } = useOutputs();
  return <Select {...props} options={outputOptions(props.property.options, outputs, props.value)} onFocus={refresh} />;
}

/** Fixed options, the reported devices of the property's kind, and a chosen device that is gone. */
export function deviceOptions(p: PropertyOf<'list'>, devices: readonly MediaDevice[], value: unknown): Option[] {
  const out: Option[] = [...p.options];
  let n = 0;
  if (p.devices !== 'monitor' && p.devices !== undefined) {
    for (const d of choosableDevices(devices, p.devices)) {
      n++;
      out.push({ label: d.label || `Device ${n}`, value: d.deviceId });
    }
  }
  if (typeof value === 'string' && value !== '' && !out.some((o) => o.value === value)) out.push({ label: 'Not connected', value });
  return out;
}

function Select({ property: p, value, onChange, id, options, onFocus }: FieldProps<PropertyOf<'list'>> & { options: Option[]; onFocus?: () => void }) {
  const index = options.findIndex((o) => o.value === value);
  return (
    <Field label={p.label} htmlFor={id}>
      <select
        id={id}
        className="input select"
        value={index < 0 ? '' : String(index)}
        data-testid={testId(p.name)}
        onFocus={onFocus}
        onChange={(e) => {
          const option = options[Number(e.target.value)];
          if (option) onChange(option.value);
        }}
      >
        {index < 0 ? <option value="">—</option> : null}
        {options.map((o, i) => (
          <option key={i} value={String(i)}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}
