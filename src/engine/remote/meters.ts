/**
 * InputVolumeMeters' list, as OBS builds it: every input with audio, in document order, with its
 * inputLevelsMul per channel ([magnitude, peak, inputPeak], linear). Inputs the renderer did not
 * measure (not in program, no renderer, a stale report) read as silent stereo, as OBS reports a
 * source that plays nothing.
 */
import type { InputLevels, StudioDocument } from '../../shared';
import { kindOf } from './requests/lookup';

const SILENT: readonly (readonly number[])[] = [
  [0, 0, 0],
  [0, 0, 0],
];

export interface MeterInput {
  inputName: string;
  inputUuid: string;
  inputLevelsMul: number[][];
}

export function meterInputs(doc: StudioDocument, levels: readonly InputLevels[]): MeterInput[] {
  const measured = new Map(levels.map((l) => [l.inputUuid, l.levelsMul]));
  return doc.inputs
    .filter((input) => kindOf(input.kind)?.audio)
    .map((input) => ({
      inputName: input.name,
      inputUuid: input.uuid,
      inputLevelsMul: measured.get(input.uuid) ?? SILENT.map((ch) => [...ch]),
    }));
}
