/**
 * An edit made of several commands (Duplicate: the new source, then its filters) is one undo step:
 * each of its commands carries the same `undoGroup` id beside its own args, and the engine's history
 * merges consecutive commands of one group into one entry. The store takes the field out before it
 * checks the command's args, so every command accepts it.
 */
export const UNDO_GROUP_FIELD = 'undoGroup';
/** Longer ids are not a group id: the field is left in, and the command's check refuses it. */
export const UNDO_GROUP_MAX = 100;
