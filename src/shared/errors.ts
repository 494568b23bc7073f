/** The error codes a user-facing failure can carry across the process boundary. */
export const errorCodes = [
  'invalid-input',
  'forbidden',
  'not-found',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** The only error shape that crosses IPC: a code for programs, a sentence for people. */
export interface StudioErrorData {
  code: ErrorCode;
  message: string;
}

/** The longest message that crosses the process boundary; a sentence never needs more. */
export const maxMessageLength = 1000;

/**
 * Cuts a message to `maxMessageLength` characters. Whatever builds error text from input (zod
 * quoting a key, a provider's answer) could otherwise send megabytes across the boundary.
 */
export function capMessage(message: string, max = maxMessageLength): string {
  if (typeof message !== 'string') return '';
  return message.length <= max ? message : `${message.slice(0, max - 1)}…`;
}

/** An error a user may see. Its message is a sentence that says what to do next. */
export class StudioError extends Error implements StudioErrorData {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(capMessage(message));
    this.name = 'StudioError';
    this.code = code;
  }
  toData(): StudioErrorData {
    // Capped again: `message` is writable, and a subclass may have set it after construction.
    return { code: this.code, message: capMessage(this.message) };
  }
}

export function isStudioErrorData(value: unknown): value is StudioErrorData {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.message === 'string' && (errorCodes as readonly unknown[]).includes(v.code);
}
