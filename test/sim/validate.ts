/** Request-body checks the way the providers' validators refuse things: exact names, exact types. */

export type FieldRule =
  | { type: 'int'; min?: number; max?: number; required?: boolean; numericString?: boolean; values?: number[] }
  | { type: 'number'; min?: number; max?: number; required?: boolean }
  | { type: 'bool'; required?: boolean }
  | { type: 'string'; maxLength?: number; required?: boolean; nullable?: boolean }
  | { type: 'uri'; required?: boolean; nullable?: boolean }
  | { type: 'enum'; values: string[]; required?: boolean };

export type Rules = Record<string, FieldRule>;

export interface Checked {
  ok: boolean;
  error?: string;
  /** Fields the rules know (unknown ones dropped). */
  known: Record<string, unknown>;
  unknown: string[];
}

export const isUri = (v: unknown): boolean => typeof v === 'string' && /^https?:\/\/[^\s/]+\/?\S*$/i.test(v);

function problem(name: string, rule: FieldRule, v: unknown): string | undefined {
  switch (rule.type) {
    case 'int': {
      const n = rule.numericString && typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v;
      if (typeof n !== 'number' || !Number.isInteger(n)) return `${name} must be an integer`;
      if (rule.values && !rule.values.includes(n)) return `${name} must be one of ${rule.values.join(', ')}`;
      if (rule.min !== undefined && n < rule.min) return `${name} must be >= ${rule.min}`;
      if (rule.max !== undefined && n > rule.max) return `${name} must be <= ${rule.max}`;
      return undefined;
    }
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v)) return `${name} must be a number`;
      if (rule.min !== undefined && v < rule.min) return `${name} must be >= ${rule.min}`;
      if (rule.max !== undefined && v > rule.max) return `${name} must be <= ${rule.max}`;
      return undefined;
    case 'bool':
      return typeof v === 'boolean' ? undefined : `${name} must be a boolean`;
    case 'string':
      if (v === null && rule.nullable) return undefined;
      if (typeof v !== 'string') return `${name} must be a string`;
      if (rule.maxLength !== undefined && [...v].length > rule.maxLength) return `${name} must be at most ${rule.maxLength} characters`;
      return undefined;
    case 'uri':
      if (v === null && rule.nullable) return undefined;
      return isUri(v) ? undefined : `${name} must be a URI`;
    case 'enum':
      return typeof v === 'string' && rule.values.includes(v) ? undefined : `${name} must be one of ${rule.values.join(', ')}`;
  }
}

export function checkBody(body: unknown, rules: Rules): Checked {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { ok: false, error: 'body must be a JSON object', known: {}, unknown: [] };
  const b = body as Record<string, unknown>;
  const known: Record<string, unknown> = {};
  const unknown: string[] = [];
  for (const key of Object.keys(b)) {
    if (key in rules) known[key] = b[key];
    else unknown.push(key);
  }
  for (const [name, rule] of Object.entries(rules)) {
    if (!(name in b)) {
      if (rule.required) return { ok: false, error: `${name} is required`, known, unknown };
      continue;
    }
    const p = problem(name, rule, b[name]);
    if (p) return { ok: false, error: p, known, unknown };
  }
  return { ok: true, known, unknown };
}
