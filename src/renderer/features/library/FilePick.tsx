import { useRef } from 'react';

interface Props {
  label: string;
  testId: string;
  disabled?: boolean;
  /** The chosen file's text; the page reads the file the user picked, never a path of its own. */
  onText(text: string, fileName: string): void;
}

/** A button that opens the browser's file picker for one JSON file. */
export function FilePick({ label, testId, disabled, onText }: Props) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className="btn btn-small" disabled={disabled} onClick={() => input.current?.click()}>
        {label}
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        data-testid={testId}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void file.text().then((text) => onText(text, file.name));
        }}
      />
    </>
  );
}
