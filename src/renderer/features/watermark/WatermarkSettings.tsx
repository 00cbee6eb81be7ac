import { useState, type KeyboardEvent } from 'react';
import { DEFAULT_WATERMARK, WATERMARK_ANCHORS, WATERMARK_LIMITS, type Watermark } from '../../../shared';
import { useActions, useStudio } from '../../stores/context';
import { SettingsRow } from '../controls/SettingsFields';
import { abgrToHex, withHex } from '../../forms/color';

type NumberKey = 'textSize' | 'scale' | 'margin' | 'opacity';

/** The typed fields' labels, as the rows show them, for messages about them. */
const LABELS: Record<NumberKey, string> = { textSize: 'Text size (px)', scale: 'Size (%)', margin: 'Margin (px)', opacity: 'Opacity (%)' };

/** The engine names a field by its key ("opacity must be at most 100."): said with the row's label. */
const labelled = (message: string): string => {
  const key = (Object.keys(LABELS) as NumberKey[]).find((k) => message.startsWith(`${k} `));
  return key ? `${LABELS[key]}${message.slice(key.length)}` : message;
};

const ANCHOR_LABELS: Record<Watermark['anchor'], string> = {
  top_left: 'Top left',
  top_right: 'Top right',
  bottom_left: 'Bottom left',
  bottom_right: 'Bottom right',
};

/**
 * The program watermark: over every scene of program, drawn last. Like the uplink, it saves on its
 * own (each choice at once, typed values on Enter or when the field is left), outside the dialog's draft.
 */
export function WatermarkSettings() {
  const { call } = useActions();
  const saved = useStudio((s) => s.document?.watermark);
  const mark: Watermark = { ...DEFAULT_WATERMARK, ...saved };
  const [error, setError] = useState<string | null>(null);
  /** Bumped to put a refused field back to the saved value (its key changes). */
  const [tries, setTries] = useState(0);

  const apply = async (change: Partial<Watermark>): Promise<void> => {
    const same = (Object.keys(change) as (keyof Watermark)[]).every((k) => change[k] === mark[k]);
    if (same) return;
    const r = await call('watermark.set', change, { quiet: true });
    setError(r.ok ? null : labelled(r.error.message));
  };
  // Typed fields commit on blur or Enter (which would otherwise submit the whole dialog).
  const commitKeys = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'Enter') {
      e.preventDefault();
      e.currentTarget.blur();
    }
  };
  const numberField = (key: NumberKey, min: number, max: number) => (
    <input
      key={`${key}:${mark[key]}:${String(tries)}`}
      id={`settings-watermark-${key}`}
      className="input input-number"
      type="number"
      min={min}
      max={max}
      defaultValue={mark[key]}
      data-testid={`settings-watermark-${key}`}
      onBlur={(e) => {
        const text = e.target.value.trim();
        const v = Number(text);
        // An emptied field is not 0 (an invisible watermark): it goes back, and says what it takes.
        if (text === '' || !Number.isFinite(v)) {
          setError(`${LABELS[key]} needs a number from ${min} to ${max}.`);
          setTries((n) => n + 1);
          return;
        }
        void apply({ [key]: key === 'scale' || key === 'opacity' ? v : Math.round(v) });
      }}
      onKeyDown={commitKeys}
    />
  );

  return (
    <fieldset className="settings-section" data-testid="settings-watermark">
      <legend>Watermark</legend>
      <SettingsRow id="settings-watermark-enabled" label="Show on program" hint="Over every scene, above all items.">
        <input
          id="settings-watermark-enabled"
          type="checkbox"
          checked={mark.enabled}
          data-testid="settings-watermark-enabled"
          onChange={(e) => void apply({ enabled: e.target.checked })}
        />
      </SettingsRow>
      <SettingsRow id="settings-watermark-type" label="Shows">
        <select
          id="settings-watermark-type"
          className="input"
          value={mark.type}
          data-testid="settings-watermark-type"
          onChange={(e) => void apply({ type: e.target.value as Watermark['type'] })}
        >
          <option value="image">An image</option>
          <option value="text">Text</option>
        </select>
      </SettingsRow>
      {mark.type === 'image' ? (
        <>
          <SettingsRow id="settings-watermark-file" label="Image file" hint="A PNG with transparency works best.">
            <input
              key={mark.file}
              id="settings-watermark-file"
              className="input"
              defaultValue={mark.file}
              placeholder="/path/to/logo.png"
              data-testid="settings-watermark-file"
              onBlur={(e) => void apply({ file: e.target.value.trim() })}
              onKeyDown={commitKeys}
            />
          </SettingsRow>
          <SettingsRow id="settings-watermark-scale" label="Size (%)">
            {numberField('scale', WATERMARK_LIMITS.minScale, WATERMARK_LIMITS.maxScale)}
          </SettingsRow>
        </>
      ) : (
        <>
          <SettingsRow id="settings-watermark-text" label="Text">
            <input
              key={mark.text}
              id="settings-watermark-text"
              className="input"
              maxLength={WATERMARK_LIMITS.maxText}
              defaultValue={mark.text}
              data-testid="settings-watermark-text"
              onBlur={(e) => void apply({ text: e.target.value })}
              onKeyDown={commitKeys}
            />
          </SettingsRow>
          <SettingsRow id="settings-watermark-textSize" label="Text size (px)">
            {numberField('textSize', 4, WATERMARK_LIMITS.maxTextSize)}
          </SettingsRow>
          <SettingsRow id="settings-watermark-color" label="Text colour">
            <input
              id="settings-watermark-color"
              type="color"
              value={abgrToHex(mark.textColor)}
              data-testid="settings-watermark-color"
              onChange={(e) => void apply({ textColor: withHex(mark.textColor, e.target.value) })}
            />
          </SettingsRow>
        </>
      )}
      <SettingsRow id="settings-watermark-anchor" label="Corner">
        <select
          id="settings-watermark-anchor"
          className="input"
          value={mark.anchor}
          data-testid="settings-watermark-anchor"
          onChange={(e) => void apply({ anchor: e.target.value as Watermark['anchor'] })}
        >
          {WATERMARK_ANCHORS.map((a) => (
            <option key={a} value={a}>
              {ANCHOR_LABELS[a]}
            </option>
          ))}
        </select>
      </SettingsRow>
      <SettingsRow id="settings-watermark-margin" label="Margin (px)">
        {numberField('margin', 0, WATERMARK_LIMITS.maxMargin)}
      </SettingsRow>
      <SettingsRow id="settings-watermark-opacity" label="Opacity (%)">
        {numberField('opacity', 0, 100)}
      </SettingsRow>
      <SettingsRow id="settings-watermark-safe" label="Inside the safe area" hint="Keeps it off the edges that some screens crop.">
        <input
          id="settings-watermark-safe"
          type="checkbox"
          checked={mark.safeArea}
          data-testid="settings-watermark-safe"
          onChange={(e) => void apply({ safeArea: e.target.checked })}
        />
      </SettingsRow>
      {error ? (
        <p className="field-error" role="alert" data-testid="settings-watermark-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
