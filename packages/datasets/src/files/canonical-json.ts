/**
 * JSON with every object's keys sorted: the same value gives the same text however a file orders
 * its keys, so a checksum over a file's header or manifest survives a re-save by another writer.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, (v as Record<string, unknown>)[k]]),
        )
      : v,
  );
}
