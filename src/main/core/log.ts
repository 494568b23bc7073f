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

/** Known secrets are registered by the key vault so they are removed wherever they appear. */
const knownSecrets = new Set<string>();

export function registerSecret(secret: string): void {
  if (secret.length >= 6) knownSecrets.add(secret);
}

export function forgetSecret(secret: string): void {
  knownSecrets.delete(secret);
}

export function redact(text: string): string {
  let out = text;
  for (const secret of knownSecrets) out = out.split(secret).join('[redacted]');
  for (const pattern of secretPatterns) out = out.replace(pattern, '$1[redacted]');
  return out;
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
