/**
 * What a provider route is and what it is handed. Types only, in their own file so the server and
 * the route files both depend on it and never on each other (no server ↔ route cycle).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultName } from './faults';
import type { RecordedRequest, SimProvider, SimState } from './state';

export interface SimCall {
  req: IncomingMessage;
  res: ServerResponse;
  path: string;
  query: URLSearchParams;
  match: RegExpMatchArray;
  headers: Record<string, string>;
  raw: Buffer;
  /** Parsed JSON when the body was JSON. */
  body: unknown;
  state: SimState;
  /** `http://127.0.0.1:<port>`, for URLs the simulator hands out. */
  base: string;
  /** This request's entry in the request log (a route notes the job it created there). */
  record: RecordedRequest;
  /** A fault the route handles itself (`output-403`, `oversized`). */
  fault?: FaultName;
  json(status: number, body: unknown, headers?: Record<string, string>): void;
  /** An error in this provider's own body shape. */
  error(status: number, message: string): void;
  /** Run later; cleared when the simulator closes. */
  later(ms: number, fn: () => void): void;
}

export interface Route {
  name: string;
  provider: SimProvider | 'files';
  method: string;
  pattern: RegExp;
  auth?: 'x-api-key' | 'bearer';
  /** A POST that starts a (paid) job: recorded with an input fingerprint for duplicate counting. */
  submit?: boolean;
  handle(call: SimCall): void | Promise<void>;
}
