import { access, constants } from 'node:fs/promises';
import type { StudioDocument } from '../shared';

/**
 * Messages for image inputs whose file cannot be read, so the user hears about a missing file
 * instead of staring at a placeholder. Only the given inputs are checked when uuids are passed.
 */
export async function imageFileProblems(doc: StudioDocument, inputUuids?: string[]): Promise<string[]> {
  const problems: string[] = [];
  for (const input of doc.inputs) {
    if (input.kind !== 'image_source') continue;
    if (inputUuids && !inputUuids.includes(input.uuid)) continue;
    const file = input.settings['file'];
    if (typeof file !== 'string' || file === '') {
      problems.push(`Image "${input.name}" has no file selected.`);
      continue;
    }
    try {
      await access(file, constants.R_OK);
    } catch {
      problems.push(`Image "${input.name}": the file ${file} cannot be read (missing or no permission). The source shows a placeholder until it is fixed.`);
    }
  }
  return problems;
}
