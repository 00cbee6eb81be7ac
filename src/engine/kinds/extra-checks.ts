/**
 * Checks that span several settings of one kind, run after each property passed its own check
 * (KindRegistry.validateSettings). Descriptors stay plain data, so these live here by kind id.
 */
import { BROWSER_SOURCE, COUNTDOWN_TIMER, FFMPEG_SOURCE, browserSettingsProblem, countdownSettingsProblem, type Settings } from '../../shared';
import { mediaSourceSettingsProblem } from '../media/network-url';

type Check = (settings: Settings) => { field: string; message: string } | null;

const CHECKS: ReadonlyMap<string, Check> = new Map<string, Check>([
  [BROWSER_SOURCE.id, browserSettingsProblem],
  // A network stream's URL (is_local_file false): one the studio can pull.
  [FFMPEG_SOURCE.id, mediaSourceSettingsProblem],
  [COUNTDOWN_TIMER.id, countdownSettingsProblem],
]);

/** The first problem with a kind's merged settings, or null. */
export function settingsProblem(kindId: string, settings: Settings): { field: string; message: string } | null {
  return CHECKS.get(kindId)?.(settings) ?? null;
}
