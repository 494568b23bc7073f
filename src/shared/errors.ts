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

/** An error a user may see. Its message is a sentence that says what to do next. */
export class StudioError extends Error implements StudioErrorData {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'StudioError';
    this.code = code;
  }
  toData(): StudioErrorData {
    return { code: this.code, message: this.message };
  }
}

export function isStudioErrorData(value: unknown): value is StudioErrorData {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.message === 'string' && (errorCodes as readonly unknown[]).includes(v.code);
}
