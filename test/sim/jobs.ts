/** Creating a simulated job: its id, duration, outcome, owner and the input the provider kept. */
import { createHash, randomUUID } from 'node:crypto';
import { pickDuration } from './durations';
import type { SimCall } from './route';
import type { SimFormat, SimJob, SimProvider } from './state';

export function callerKey(call: SimCall): string | undefined {
  return call.headers['x-api-key']?.trim() || /^Bearer\s+(\S+)$/.exec(call.headers.authorization ?? '')?.[1];
}

export const ownerOf = (key: string | undefined): string => createHash('sha256').update(key ?? '').digest('hex');

export function newJob(call: SimCall, provider: SimProvider, model: string, format: SimFormat, input: Record<string, unknown>): SimJob {
  const key = callerKey(call);
  const job: SimJob = {
    id: randomUUID().replace(/-/g, ''),
    provider,
    model,
    createdAt: Date.now(),
    durationMs: pickDuration(call.state, model, call.headers['x-sim-duration-ms']),
    outcome: call.headers['x-sim-outcome'] === 'fail' || call.state.config.failJobs ? 'fail' : 'complete',
    format,
    failMessage: provider === 'local' ? 'Generation failed: CUDA out of memory' : 'Generation failed: the subject could not be separated from the background',
    input,
    owner: ownerOf(key),
  };
  // A careless service quoting the request back: the key ends up in the failure text.
  if (call.state.config.echoKeyInFailure && key) job.failMessage += ` (request with key ${key} from ${call.base})`;
  call.state.jobs.set(job.id, job);
  call.record.jobId = job.id;
  return job;
}
