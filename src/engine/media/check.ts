/**
 * Checks the files of media inputs when they are created or changed, so a user hears at once that a
 * file is missing or uses a codec the compositor cannot decode (the source itself shows "no signal").
 */
import { access, constants } from 'node:fs/promises';
import { MEDIA_KIND_IDS, type Input, type StudioDocument } from '../../shared';
import { playbackProblem, probeMedia } from './probe';

/** The local file an input plays, or null when it plays none (a URL, or nothing chosen). */
export function localMediaFile(input: Input): string | null {
  if (!MEDIA_KIND_IDS.includes(input.kind)) return null;
  if (input.settings['is_local_file'] === false) return null;
  const file = input.settings['local_file'];
  return typeof file === 'string' && file !== '' ? file : null;
}

export interface FileProblem {
  /** The notice for the user, naming the input and the file. */
  message: string;
  /**
   * Why it can never play, for the source's "no signal" card and GetMediaInputStatus (null for a file
   * that is missing or unreadable now: the player retries that by itself and recovers).
   */
  blocking: string | null;
}

/** Every local file an input shows (an image, a media file, a slideshow's images): what /media may serve. */
export function inputFiles(input: Input): string[] {
  if (input.kind === 'image_source') {
    const file = input.settings['file'];
    return typeof file === 'string' && file ? [file] : [];
  }
  if (input.kind === 'slideshow') {
    const files = input.settings['files'];
    if (!Array.isArray(files)) return [];
    return files.flatMap((f: unknown) => {
      const v = typeof f === 'object' && f !== null ? (f as { value?: unknown }).value : undefined;
      return typeof v === 'string' && v ? [v] : [];
    });
  }
  const media = localMediaFile(input);
  return media ? [media] : [];
}

/** One problem per input among `inputUuids` (all media inputs when absent) whose file cannot play. */
export async function mediaFileProblems(doc: StudioDocument, ffprobe: string, inputUuids?: string[]): Promise<Map<string, FileProblem>> {
  const problems = new Map<string, FileProblem>();
  for (const input of doc.inputs) {
    if (inputUuids && !inputUuids.includes(input.uuid)) continue;
    const file = localMediaFile(input);
    if (!file) continue;
    const label = `Media source "${input.name}"`;
    try {
      await access(file, constants.R_OK);
    } catch {
      problems.set(input.uuid, { message: `${label}: the file ${file} cannot be read (missing or no permission).`, blocking: null });
      continue;
    }
    try {
      const why = playbackProblem(await probeMedia(ffprobe, file));
      if (why) problems.set(input.uuid, { message: `${label}: ${file} cannot be played: ${why}.`, blocking: why });
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      // No ffprobe is not the file's fault: the compositor still tries, and says so if it fails.
      if (!/ENOENT/.test(why)) {
        problems.set(input.uuid, { message: `${label}: ${file} is not a media file FFmpeg can read (${why}).`, blocking: `it is not a media file FFmpeg can read (${why})` });
      }
    }
  }
  return problems;
}
