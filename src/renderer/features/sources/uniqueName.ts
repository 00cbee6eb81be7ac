/** OBS-style unique names: "Color", then "Color 2", "Color 3"… (case-insensitive, like the engine should be). */
export function uniqueName(base: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map((n) => n.toLowerCase()));
  const name = base.trim() || 'Source';
  if (!used.has(name.toLowerCase())) return name;
  for (let i = 2; ; i++) {
    const candidate = `${name} ${i}`;
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}
