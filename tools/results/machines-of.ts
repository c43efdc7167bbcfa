// The header line of docs/results.md names where its rows were measured.

/**
 * The machines the records were measured on: the one most rows ran on, then each other with the rows
 * it measured, so figures from different CPUs are never read as one run's.
 */
export function machinesOf(records: readonly { key: string; machine?: string }[]): string {
  const keysOf = new Map<string, string[]>();
  for (const r of records) {
    const m = r.machine ?? 'an unrecorded machine';
    keysOf.set(m, [...(keysOf.get(m) ?? []), r.key]);
  }
  const [main, ...others] = [...keysOf.entries()].sort((a, b) => b[1].length - a[1].length);
  if (!main) return 'no machine (no records yet)';
  const rest = others.map(([m, keys]) => `${m} (${keys.map((k) => `\`${k}\``).join(', ')})`);
  return rest.length === 0 ? main[0] : `${main[0]}, except on ${rest.join('; ')}`;
}
