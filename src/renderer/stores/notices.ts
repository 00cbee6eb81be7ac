/**
 * User-facing notices: newest first, capped, each with an id so it can be dismissed. A notice may
 * know its cause (what failed, about which thing), so it can clear itself once the cause is gone:
 * the same command succeeds later, the thing it was about is deleted, or the missing stream key is
 * saved. Info and warnings also time out (NoticeItem); errors without a known cause stay until dismissed.
 */
import type { NoticeLevel, StudioDocument } from '../../shared';

export interface NoticeCause {
  /** The UI command that failed, when it came from one. */
  command?: string;
  /** The input, scene or destination it is about (uuid or id). */
  subject?: string;
  /** It was about a missing stream key. */
  key?: boolean;
}

export interface Notice {
  id: number;
  level: NoticeLevel;
  message: string;
  cause?: NoticeCause;
}

export const NOTICE_LIMIT = 20;

export function addNotice(list: readonly Notice[], notice: Notice, limit = NOTICE_LIMIT): Notice[] {
  // The same words again replace the older one rather than stacking up.
  return [notice, ...list.filter((n) => n.message !== notice.message)].slice(0, limit);
}

export function removeNotice(list: readonly Notice[], id: number): Notice[] {
  return list.filter((n) => n.id !== id);
}

const SUBJECT_ARGS = ['inputUuid', 'sourceUuid', 'sceneUuid', 'id', 'destinationId'] as const;
const KEY_WORDS = /stream key/i;

/** What a failed command's notice is about: the command, the thing its arguments name, a missing key. */
export function causeOfCommand(type: string, args: unknown, error: { message: string; field?: string }): NoticeCause {
  const cause: NoticeCause = { command: type };
  if (args && typeof args === 'object') {
    const a = args as Record<string, unknown>;
    const subject = SUBJECT_ARGS.map((k) => a[k]).find((v): v is string => typeof v === 'string' && v !== '');
    if (subject) cause.subject = subject;
  }
  if (error.field === 'key' || KEY_WORDS.test(error.message)) cause.key = true;
  return cause;
}

/** An engine notice's cause, from the names it quotes: "Image "Logo" has no file" is about Logo. */
export function causeOfMessage(message: string, doc: StudioDocument | null): NoticeCause | undefined {
  const cause: NoticeCause = {};
  const input = doc?.inputs.find((i) => message.includes(`"${i.name}"`) || message.includes(`“${i.name}”`));
  if (input) cause.subject = input.uuid;
  if (KEY_WORDS.test(message)) cause.key = true;
  return cause.subject || cause.key ? cause : undefined;
}

/** After a command succeeded: its earlier failure about the same thing is over. */
export function clearSucceeded(list: readonly Notice[], type: string, args: unknown): Notice[] {
  const now = causeOfCommand(type, args, { message: '' });
  const out = list.filter((n) => !(n.cause?.command === type && n.cause.subject === now.subject));
  return out.length === list.length ? (list as Notice[]) : out;
}

/**
 * After the document changed: notices about a thing that is gone (a deleted source, scene or
 * destination) go, and so do missing-key notices once every enabled destination (or the one named) has a key.
 */
export function clearResolved(list: readonly Notice[], doc: StudioDocument): Notice[] {
  const ids = new Set<string>([...doc.inputs.map((i) => i.uuid), ...doc.scenes.map((s) => s.uuid), ...doc.destinations.map((d) => d.id)]);
  const keyed = (subject: string | undefined): boolean => {
    const named = subject ? doc.destinations.find((d) => d.id === subject) : undefined;
    if (named) return named.hasKey;
    const enabled = doc.destinations.filter((d) => d.enabled);
    return enabled.length > 0 && enabled.every((d) => d.hasKey);
  };
  const out = list.filter((n) => {
    const c = n.cause;
    if (!c) return true;
    if (c.subject && !ids.has(c.subject)) return false;
    if (c.key) return !keyed(c.subject);
    return true;
  });
  return out.length === list.length ? (list as Notice[]) : out;
}
