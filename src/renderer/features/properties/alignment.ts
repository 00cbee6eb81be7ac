/** OBS alignment bits (1 left, 2 right, 4 top, 8 bottom; 0 = center) as the form lists them. */
export const ALIGNMENTS: readonly { value: number; label: string }[] = [
  { value: 5, label: 'Top left' },
  { value: 4, label: 'Top' },
  { value: 6, label: 'Top right' },
  { value: 1, label: 'Left' },
  { value: 0, label: 'Center' },
  { value: 2, label: 'Right' },
  { value: 9, label: 'Bottom left' },
  { value: 8, label: 'Bottom' },
  { value: 10, label: 'Bottom right' },
];
