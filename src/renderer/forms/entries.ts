/**
 * An 'entries' property as text: one record per line, its fields in the property's order separated
 * by " | " (a lower third's queue: "Ada Lovelace | Engineer | London"). Pure.
 */
const SEP = '|';

export function formatEntries(value: unknown, fields: readonly string[]): string {
  if (!Array.isArray(value)) return '';
  return value
    .map((e: unknown) => {
      const o = typeof e === 'object' && e !== null ? (e as Record<string, unknown>) : {};
      const parts = fields.map((f) => (typeof o[f] === 'string' ? (o[f] as string) : ''));
      while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
      return parts.join(` ${SEP} `);
    })
    .join('\n');
}

/** Blank lines are skipped; a line with more parts than fields keeps the rest in the last field. */
export function parseEntries(text: string, fields: readonly string[]): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const parts = line.split(SEP).map((p) => p.trim());
    const head = parts.slice(0, fields.length - 1);
    const tail = parts.slice(fields.length - 1).join(` ${SEP} `);
    const values = [...head, tail];
    out.push(Object.fromEntries(fields.map((f, i) => [f, values[i] ?? ''])));
  }
  return out;
}
