/** Plain HTTP against the simulator, as a provider client would speak it (no app code involved). */
import type { Simulator } from '../../sim/server';

export const SEGMIND_KEY = 'sg-simtest-0a1b2c3d4e5f';
export const WAVESPEED_KEY = 'ws-simtest-9f8e7d6c5b4a';
export const VTRIX_KEY = 'vx-simtest-1122334455';

export interface Answer {
  status: number;
  body: unknown;
}

export async function call(sim: Simulator, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${sim.url}${path.replace(/^\//, '')}`, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed };
}

export const segmind = (sim: Simulator, method: string, path: string, body?: unknown): Promise<Answer> => call(sim, method, path, body, { 'x-api-key': SEGMIND_KEY });
export const wavespeed = (sim: Simulator, method: string, path: string, body?: unknown, key = WAVESPEED_KEY): Promise<Answer> =>
  call(sim, method, path, body, { authorization: `Bearer ${key}` });
export const vtrix = (sim: Simulator, method: string, path: string, body?: unknown): Promise<Answer> => call(sim, method, path, body, { authorization: `Bearer ${VTRIX_KEY}` });

export interface JobView {
  id: string;
  provider: string;
  model: string;
  durationMs: number;
  createdAt: number;
  input: Record<string, unknown>;
}

/** The simulator's jobs, through its control route. */
export async function jobs(sim: Simulator): Promise<JobView[]> {
  return (await call(sim, 'GET', '/__sim/jobs')).body as JobView[];
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
