/**
 * Logging for the core. Every line passes through `redact`, so a key that slipped into an error
 * message, a URL or a header dump never reaches the console or a log file.
 */
export interface Log {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const secretPatterns: RegExp[] = [
  /(authorization\s*[:=]\s*"?(?:bearer|basic)\s+)[^\s",})]+/gi,
  /(x-api-key\s*[:=]\s*"?)[^\s",})]+/gi,
  /([?&](?:key|api_key|apikey|token)=)[^&\s"]+/gi,
];

/**
 * Known secrets are registered by the key vault so they are removed wherever they appear, in the
 * disguises a provider or a proxy may give them back in (see `secretPatternsFor`).
 */
const knownSecrets = new Map<string, RegExp[]>();

export function registerSecret(secret: string): void {
  if (secret.length >= 6 && !knownSecrets.has(secret)) knownSecrets.set(secret, secretPatternsFor(secret));
}

export function forgetSecret(secret: string): void {
  knownSecrets.delete(secret);
}

export function redact(text: string): string {
  let out = text;
  for (const patterns of knownSecrets.values()) for (const pattern of patterns) out = out.replace(pattern, '[redacted]');
  for (const pattern of secretPatterns) out = out.replace(pattern, '$1[redacted]');
  return out;
}

/** Characters that may be slipped between a key's characters and stay invisible on screen. */
const zeroWidth = '[\\u200B-\\u200D\\u2060\\uFEFF]*';
/** What may continue a token once a long piece of a key has been found in it. */
const tokenChars = '[A-Za-z0-9._~+/=%-]*';
const named: Record<string, string> = { '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '(?:apos|#39)' };

const escapeRe = (c: string): string => c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** One character of a key as it may be written: itself, %-encoded, or as an HTML entity. */
function charPattern(c: string): string {
  const code = c.codePointAt(0) ?? 0;
  const hex = code.toString(16);
  const forms = [escapeRe(c), `&#0*${code};`, `&#x0*${hex};`];
  if (code < 0x80) forms.push(`%${hex.padStart(2, '0')}`);
  if (named[c]) forms.push(`&${named[c]};`);
  return `(?:${forms.join('|')})`;
}

function spelled(chars: string): string {
  return [...chars].map(charPattern).join(zeroWidth);
}

/** The stretches of the base64 text of `secret` that depend on its bytes alone, at each of the three alignments. */
function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const cores: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const padded = Buffer.concat([Buffer.alloc(offset), bytes]);
    const text = padded.toString('base64').replace(/=+$/, '');
    const first = Math.ceil((8 * offset) / 6);
    const last = Math.floor((8 * (offset + bytes.length) - 6) / 6);
    const core = text.slice(first, last + 1);
    if (core.length >= 8) cores.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return [...new Set(cores)];
}

/**
 * Patterns that find `secret`: as written, in any letter case, URL-encoded, HTML-escaped, with
 * zero-width characters between its letters, in base64 or base64url, and any long piece of its
 * start or end (at least 8 characters or half the key, whichever is longer) — a provider that
 * cuts an echoed key short must not leave most of it on screen.
 */
export function secretPatternsFor(secret: string): RegExp[] {
  const piece = Math.min(secret.length, Math.max(8, Math.ceil(secret.length / 2)));
  const start = [...secret].slice(0, piece).join('');
  const end = [...secret].slice(-piece).join('');
  const patterns = [
    `${spelled(start)}${tokenChars}`,
    `${tokenChars}${spelled(end)}`,
    ...base64Cores(secret).map((core) => `${tokenChars}${[...core].map(escapeRe).join(zeroWidth)}${tokenChars}`),
  ];
  return patterns.map((p) => new RegExp(p, 'gi'));
}

function render(message: string, fields?: Record<string, unknown>): string {
  if (!fields) return redact(message);
  const plain = JSON.stringify(fields, (_key, value: unknown) =>
    value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value,
  );
  return redact(`${message} ${plain}`);
}

export function createConsoleLog(sink: Pick<Console, 'log' | 'warn' | 'error'> = console): Log {
  return {
    info: (m, f) => sink.log(render(m, f)),
    warn: (m, f) => sink.warn(render(m, f)),
    error: (m, f) => sink.error(render(m, f)),
  };
}

/** A log that keeps its lines, for tests that assert what was (and was not) written. */
export function createMemoryLog(): Log & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m, f) => lines.push(`info ${render(m, f)}`),
    warn: (m, f) => lines.push(`warn ${render(m, f)}`),
    error: (m, f) => lines.push(`error ${render(m, f)}`),
  };
}
