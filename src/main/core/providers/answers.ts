/** Reading loose provider JSON tolerantly: objects that may be missing, numbers that may be strings. */

export function record(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** Numbers from a loose object (metrics, timings), ignoring anything else. */
export function numbersOf(v: unknown): Record<string, number> | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const out: Record<string, number> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    const n = typeof x === 'string' && x.trim() !== '' ? Number(x) : x;
    if (typeof n === 'number' && Number.isFinite(n)) out[k] = n;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** A non-empty trimmed string, or undefined. */
export function textOf(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}
