/** The template list as the engine answers template.list, and its name rule. */

export interface TemplateList {
  builtIn: string[];
  user: string[];
}

/** The engine compares template names trimmed and case-blind (src/engine/output/encoders/templates.ts). */
export const sameName = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Which kind of template already has this name: a built-in one cannot be replaced, a user one can. */
export function nameClash(list: TemplateList, name: string): { kind: 'builtIn' | 'user'; name: string } | null {
  const builtIn = list.builtIn.find((n) => sameName(n, name));
  if (builtIn !== undefined) return { kind: 'builtIn', name: builtIn };
  const user = list.user.find((n) => sameName(n, name));
  return user === undefined ? null : { kind: 'user', name: user };
}
