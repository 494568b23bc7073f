/**
 * `window.studio` over the real core for everything but the jobs channels, which a small scripted
 * fake answers. The job engine is being written elsewhere; this fake lets page tests drive every
 * state without it. Its replies and events pass the contract's own output schemas, so it cannot
 * say anything the real core could not.
 */
import { randomUUID } from 'node:crypto';
import { events, type ChannelName, type EventName, type Reply } from '../../../src/shared/ipc';
import { buildStudioApi } from '../../../src/shared/studio-client';
import { StudioError } from '../../../src/shared/errors';
import type { JobModel, JobSummary } from '../../../src/shared/jobs';
import { createDispatcher } from '../../../src/main/core/dispatch';
import { APP_ORIGIN } from '../../../src/main/core/security/navigation';
import { createTestCore } from '../../support/core';
import { tracked } from '../../support/studio-for-tests';
import { callGate, replyOf } from './fake-main';

type JobsChannel = Extract<ChannelName, `jobs:${string}`>;

/** A call the fake received, as the page sent it. */
export interface JobCall {
  channel: JobsChannel;
  input: unknown;
}

export function jobSummary(patch: Partial<JobSummary> = {}): JobSummary {
  const now = Date.now();
  return {
    id: randomUUID(),
    modelId: 'segmind/hunyuan-3d-2',
    modelLabel: 'Hunyuan3D 2.0',
    provider: 'segmind',
    state: 'queued',
    createdAt: now,
    updatedAt: now,
    finishedAt: null,
    progress: null,
    progressEstimated: false,
    etaMs: null,
    message: null,
    remedy: 'none',
    canCancel: true,
    canRetry: false,
    retryMayPayTwice: false,
    outputs: [],
    costUsd: null,
    notes: [],
    ...patch,
  };
}

export function studioWithFakeJobs() {
  const { core, log } = createTestCore();
  const dispatcher = createDispatcher(core.handlers, { trustedOrigin: APP_ORIGIN, log });
  const jobs = new Map<string, JobSummary>();
  const models = new Map<string, JobModel>();
  const listeners = new Set<(payload: unknown) => void>();
  const calls: JobCall[] = [];
  const gate = callGate();

  const fake = {
    calls,
    callsTo: (channel: JobsChannel) => calls.filter((c) => c.channel === channel),
    /** What `jobs:submit` does; a test replaces it to refuse or to answer otherwise. */
    onSubmit: (input: { modelId: string }): JobSummary => jobSummary({ modelId: input.modelId }),
    onRetry: (job: JobSummary): JobSummary => ({ ...job, state: 'queued', canRetry: false, canCancel: true, retryMayPayTwice: false, message: null, updatedAt: Date.now() }),
    onCancel: (job: JobSummary) => ({ job: { ...job, state: 'cancelled' as const, canCancel: false, updatedAt: Date.now() }, providerTold: false, message: 'Cancelled. Segmind cannot be told to stop, so this run may still be billed.' }),
    thumbnail: null as { mime: string; bytes: Uint8Array } | null,
    /** Jobs the core already knows when the page asks for the list. */
    add(...summaries: JobSummary[]) {
      for (const s of summaries) jobs.set(s.id, events['jobs:changed'].parse(s));
    },
    setModel(id: string, model: JobModel) {
      models.set(id, model);
    },
    /** The engine moved a job on: stored and sent as `jobs:changed`. */
    change(id: string, patch: Partial<JobSummary>) {
      const had = jobs.get(id);
      if (!had) throw new Error(`no job ${id}`);
      const next = events['jobs:changed'].parse({ ...had, ...patch, updatedAt: Math.max(Date.now(), had.updatedAt + 1) });
      jobs.set(id, next);
      for (const l of listeners) l(structuredClone(next));
      return next;
    },
    /** Holds every jobs call until the returned function is called (a slow main process). */
    hold: gate.hold,
    only(): JobSummary {
      const [job, ...rest] = [...jobs.values()];
      if (!job || rest.length) throw new Error(`expected one job, have ${jobs.size}`);
      return job;
    },
  };

  async function answer(channel: JobsChannel, input: unknown): Promise<unknown> {
    const byId = (i: unknown) => {
      const job = jobs.get((i as { id: string }).id);
      if (!job) throw new StudioError('not-found', 'That job is not in the library any more.');
      return job;
    };
    switch (channel) {
      case 'jobs:list':
        return [...jobs.values()].sort((a, b) => b.createdAt - a.createdAt);
      case 'jobs:get':
        return byId(input);
      case 'jobs:submit': {
        const job = fake.onSubmit(input as { modelId: string });
        jobs.set(job.id, job);
        return job;
      }
      case 'jobs:retry': {
        const job = byId(input);
        if (job.retryMayPayTwice && !(input as { confirmPaidTwice?: boolean }).confirmPaidTwice) {
          throw new StudioError('forbidden', 'Retrying this job may pay twice; confirm it first.');
        }
        const again = fake.onRetry(job);
        jobs.set(again.id, again);
        return again;
      }
      case 'jobs:cancel': {
        const result = fake.onCancel(byId(input));
        jobs.set(result.job.id, result.job);
        return result;
      }
      case 'jobs:model': {
        const model = models.get(byId(input).id);
        if (!model) throw new StudioError('not-found', 'This job has no model to open.');
        return model;
      }
      case 'jobs:thumbnail':
        byId(input);
        return fake.thumbnail;
    }
  }

  async function send(channel: ChannelName, input: unknown): Promise<Reply<unknown>> {
    if (!channel.startsWith('jobs:')) {
      return structuredClone(await dispatcher.dispatch(channel, structuredClone(input), { url: `${APP_ORIGIN}/`, isMainFrame: true }));
    }
    const jobsChannel = channel as JobsChannel;
    calls.push({ channel: jobsChannel, input: structuredClone(input) });
    await gate.pass();
    return replyOf(jobsChannel, () => answer(jobsChannel, structuredClone(input)));
  }

  const studio = buildStudioApi({
    send: (channel: ChannelName, input: unknown) => tracked(send(channel, input)),
    subscribe(event: EventName, listener: (payload: unknown) => void) {
      if (event === 'jobs:changed') {
        listeners.add(listener);
        return () => listeners.delete(listener);
      }
      return core.onEvent((name, payload) => {
        if (name === event) listener(structuredClone(payload));
      });
    },
  });
  return { studio, fake, core };
}
