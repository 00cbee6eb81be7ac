/** Small stroke icons drawn inline, so the UI never depends on an emoji or icon font being installed. */

const PATHS = {
  eye: 'M1.5 8s2.5-5 6.5-5 6.5 5 6.5 5-2.5 5-6.5 5-6.5-5-6.5-5z M8 10.2a2.2 2.2 0 1 0 0-4.4 2.2 2.2 0 0 0 0 4.4z',
  eyeOff: 'M1.5 8s2.5-5 6.5-5 6.5 5 6.5 5-2.5 5-6.5 5-6.5-5-6.5-5z M2.5 2.5l11 11',
  lock: 'M4 7.5h8v6H4z M5.5 7.5V5a2.5 2.5 0 0 1 5 0v2.5',
  unlock: 'M4 7.5h8v6H4z M5.5 7.5V5a2.5 2.5 0 0 1 4.9-.7',
  up: 'M4 10l4-4 4 4',
  down: 'M4 6l4 4 4-4',
  close: 'M4 4l8 8 M12 4l-8 8',
  plus: 'M8 3v10 M3 8h10',
  edit: 'M3 13l1-3.5 6.5-6.5 2.5 2.5-6.5 6.5z',
  speaker: 'M2.5 6h2.5l3.5-3v10l-3.5-3h-2.5z M11 5.5a3.5 3.5 0 0 1 0 5',
  speakerOff: 'M2.5 6h2.5l3.5-3v10l-3.5-3h-2.5z M10.5 6l4 4 M14.5 6l-4 4',
  gear: 'M8 5.5a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5z M8 1.5v2 M8 12.5v2 M1.5 8h2 M12.5 8h2 M3.4 3.4l1.4 1.4 M11.2 11.2l1.4 1.4 M3.4 12.6l1.4-1.4 M11.2 4.8l1.4-1.4',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name }: { name: IconName }) {
  return (
    <svg className="icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
