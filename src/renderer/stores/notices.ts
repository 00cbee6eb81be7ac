/** User-facing notices: newest first, capped, each with an id so it can be dismissed. */
import type { NoticeLevel } from '../../shared';

export interface Notice {
  id: number;
  level: NoticeLevel;
  message: string;
}

export const NOTICE_LIMIT = 20;

export function addNotice(list: readonly Notice[], notice: Notice, limit = NOTICE_LIMIT): Notice[] {
  return [notice, ...list].slice(0, limit);
}

export function removeNotice(list: readonly Notice[], id: number): Notice[] {
  return list.filter((n) => n.id !== id);
}
