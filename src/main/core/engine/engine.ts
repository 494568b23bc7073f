/**
 * The job engine: a picture in, a model out, and money never spent twice.
 *
 * Every job is a row and a folder in the library before anything leaves the machine. A job is
 * written as `submitting` (fsynced) before its paid POST; if Studio dies before the provider's id
 * is stored, the restart marks it `unknown-submission` and never sends it again on its own. Jobs
 * holding a provider id resume polling after a restart. Time, concurrency, polling and retries are
 * the engine's; adapters only speak their provider's API.
 */
import { StudioError } from '../../../shared/errors';
import { findModel, checkParams, inputsProblem, viewNames, type CatalogModel, type ProvidedInputs, type ViewName } from '../../../shared/catalog';
import { isKeyedProvider } from '../../../shared/endpoints';
import { isTerminal, type JobModel, type JobState, type JobSubmitInput, type JobSummary } from '../../../shared/jobs';
import type { KeyedProviderId } from '../../../shared/keys';
import { providerNames } from '../../../shared/provider-names';
import type { ProviderId } from '../../../shared/providers';
import { inlinesPictures, normaliseImage } from '../images';
import { keyForEndpoint } from '../keys/binding';
import type { KeyVault } from '../keys/vault';
import type { Library, JobRecord } from '../library';
import type { Log } from '../log';
import { downloadAsset } from '../downloads/download-asset';
import { extensionFor } from '../providers/encoding';
import { ProviderError } from '../providers/errors';
import { requestedFormat } from '../providers/inputs';
import type { ProviderRegistry } from '../providers/registry';
import type { CheckResult, Completed, JobInputs, NormalisedImage, ProviderAdapter, ProviderContext, RemoteRef } from '../providers/types';
import type { Clock } from './clock';
import { learnEta, PollPlanner, backoffMs, type EtaModel } from './schedule';
import { deadlineSentence, explainFailure, retryingSentence, unknownSubmissionSentence, unreachableSentence, type Remedy } from './sentences';
import { isUnreachable, unreachableWaitMs } from './unreachable';
import { createLimiter } from './limit';
import { ProviderSlots } from './slots';
import { summarise, type LiveView } from './summary';

export interface EngineConfig {
  /** Jobs at once per provider account. */
  concurrency: Record<ProviderId, number>;
  /** Longest a job may take from submit to result; a self-hosted `/send` job always has one. */
  deadlineMs: Record<ProviderId, number>;
  /** Shortest gap between two status requests (WaveSpeed asks for ≥ 2 s). */
  pollFloorMs: Record<ProviderId, number>;
  /** Largest result the engine downloads. */
  maxOutputBytes: number;
  /** How long `close()` lets a submit already on the wire finish before cutting it. */
  submitGraceMs: number;
  /** Pictures normalised at once, however many jobs are submitted together (memory, threadpool). */
  imagesAtOnce: number;
}

export const defaultEngineConfig: EngineConfig = {
  concurrency: { segmind: 4, wavespeed: 2, vtrix: 2, local: 1 },
  // Segmind keeps a request's status for one hour; past that there is nothing left to wait for.
  deadlineMs: { segmind: 55 * 60_000, wavespeed: 60 * 60_000, vtrix: 60 * 60_000, local: 30 * 60_000 },
  pollFloorMs: { segmind: 1_000, wavespeed: 2_000, vtrix: 1_000, local: 1_000 },
  maxOutputBytes: 500 * 1024 * 1024,
  submitGraceMs: 15_000,
  imagesAtOnce: 2,
};

export interface EngineDeps {
  library: Library;
  registry: ProviderRegistry;
  vault: KeyVault;
  endpoints: () => Record<ProviderId, string>;
  log: Log;
  clock: Clock;
  /** Called with the job's new summary whenever something the page shows changed. */
  changed: (summary: JobSummary) => void;
  config?: Partial<EngineConfig>;
  /**
   * The artist's Settings for concurrency and deadlines, read whenever they matter (so a change
   * applies without a restart). `config` wins where it sets the same field (tests, benchmarks).
   */
  tuning?: () => Pick<EngineConfig, 'concurrency' | 'deadlineMs'>;
}

export interface JobEngine {
  submit(input: JobSubmitInput): Promise<JobSummary>;
  list(): JobSummary[];
  get(id: string): JobSummary;
  cancel(id: string): Promise<{ job: JobSummary; providerTold: boolean; message: string }>;
  retry(id: string, confirmPaidTwice: boolean): Promise<JobSummary>;
  /** A new job with the same model, parameters, text and stored (already normalised) pictures. */
  rerun(id: string): Promise<JobSummary>;
  model(id: string): Promise<JobModel>;
  thumbnail(id: string): Promise<{ mime: string; bytes: Uint8Array<ArrayBuffer> } | null>;
  /** Resume every unfinished job (after a restart). */
  start(): Promise<void>;
  /** Stop all work without changing any job's state; jobs resume at the next start. */
  close(): Promise<void>;
  /** Jobs still being worked on (for "quit now?" and keeping the machine awake). */
  activeCount(): number;
  /** Settings changed: apply new concurrency caps now (deadlines are read at every poll). */
  retune(): void;
}

/** Why a runner stopped without the job ending: the app is closing. */
class Shutdown extends Error {
  constructor() {
    super('Studio is closing');
    this.name = 'Shutdown';
  }
}
class CancelledByArtist extends Error {
  constructor() {
    super('Cancelled');
    this.name = 'CancelledByArtist';
  }
}

/** A job the provider accepted: its stored record, and the result when the route answered at once. */
interface Sent {
  job: JobRecord;
  immediate?: Completed;
}

interface Live extends LiveView {
  controller: AbortController;
  done: Promise<void>;
}

const thumbnailFile = 'thumbnail.webp';
/** Estimated-progress refreshes per second, whatever the number of jobs. */
const ticksPerSecond = 10;

/** The texture/PBR flags of a job: they change how long a job takes, so ETAs are learned per variant. */
export function variantOf(model: CatalogModel, params: Record<string, unknown>): string {
  const flags = model.params
    .filter((p) => p.type === 'boolean' && /texture|pbr|paint/i.test(p.key))
    .map((p) => `${p.key}=${String(params[p.key] ?? p.default)}`);
  return flags.join(',') || 'default';
}

function describeInputs(input: JobSubmitInput['inputs']): ProvidedInputs {
  if (input.kind === 'image') return { image: true };
  if (input.kind === 'text') return { text: input.text };
  return { views: viewNames.filter((v) => input.views[v] !== undefined) };
}


export function createJobEngine(deps: EngineDeps): JobEngine {
  const config: EngineConfig = { ...defaultEngineConfig, ...deps.config };
  const { library, clock, log } = deps;
  const caps = (): Record<ProviderId, number> => deps.config?.concurrency ?? deps.tuning?.().concurrency ?? config.concurrency;
  const deadlineMsOf = (provider: ProviderId): number => (deps.config?.deadlineMs ?? deps.tuning?.().deadlineMs ?? config.deadlineMs)[provider];
  const slots = new ProviderSlots(caps);
  const imageStep = createLimiter(config.imagesAtOnce);
  const live = new Map<string, Live>();
  let closing = false;

  const view = (record: JobRecord): JobSummary => summarise(record, live.get(record.id), clock.now(), modelOf(record));
  const emit = (record: JobRecord) => deps.changed(view(record));

  function modelOf(record: JobRecord): CatalogModel | undefined {
    return findModel(record.modelId);
  }

  function requireJob(id: string): JobRecord {
    const job = library.getJob(id);
    if (!job) throw new StudioError('not-found', 'This job is not in the library any more.');
    return job;
  }

  async function save(job: JobRecord, patch: Partial<JobRecord>, event: string, detail?: string): Promise<JobRecord> {
    const next = await library.updateJob(job.id, { ...patch, updatedAt: clock.now() } as never, { event, detail });
    emit(next);
    return next;
  }

  async function finish(job: JobRecord, state: JobState, message: string | null, remedy: Remedy, extra: Partial<JobRecord> = {}): Promise<JobRecord> {
    return save(job, { state, message, remedy, finishedAt: clock.now(), ...extra }, state, message ?? undefined);
  }

  async function providerContext(provider: ProviderId, signal: AbortSignal): Promise<ProviderContext> {
    const baseUrl = deps.endpoints()[provider];
    // Read on every call and only through the binding: a key goes only to the origin it was saved for.
    const key = isKeyedProvider(provider) ? await keyForEndpoint(deps.vault, provider as KeyedProviderId, baseUrl) : '';
    return { baseUrl, key, log, signal, now: () => clock.now() };
  }

  function adapterFor(provider: ProviderId): ProviderAdapter {
    return deps.registry[provider];
  }

  async function loadInputs(job: JobRecord): Promise<JobInputs> {
    if (job.text !== null) return { kind: 'text', text: job.text };
    const read = async (role: string): Promise<NormalisedImage | undefined> => {
      const stored = job.inputs.find((i) => i.role === role);
      if (!stored) return undefined;
      const bytes = await library.readJobFile(job.id, 'inputs', stored.file);
      return { bytes, mime: stored.mime as NormalisedImage['mime'], width: stored.width, height: stored.height };
    };
    const image = await read('image');
    if (image) return { kind: 'image', image };
    const views: Partial<Record<ViewName, NormalisedImage>> = {};
    for (const v of viewNames) {
      const got = await read(v);
      if (got) views[v] = got;
    }
    if (!views.front) throw new StudioError('not-found', 'This job’s pictures are missing from the library, so it cannot be sent again.');
    return { kind: 'views', views: { ...views, front: views.front } };
  }

  // ─── the runner: one async loop per job ──────────────────────────────────────────────────────

  function launch(job: JobRecord, resumed: boolean): void {
    if (live.has(job.id) || closing) return;
    const controller = new AbortController();
    const entry: Live = { controller, done: Promise.resolve() };
    live.set(job.id, entry);
    entry.done = run(job.id, entry, resumed)
      .catch((error: unknown) => log.error('job runner failed', { job: job.id, error }))
      .finally(() => {
        if (live.get(job.id) === entry) live.delete(job.id);
      });
  }

  async function run(id: string, entry: Live, resumed: boolean): Promise<void> {
    const signal = entry.controller.signal;
    let job = requireJob(id);
    const model = modelOf(job);
    if (!model) {
      await finish(job, 'failed', 'This model is no longer in Studio’s catalog, so the job cannot go on.', 'none');
      return;
    }
    let release: (() => void) | undefined;
    try {
      release = await slots.acquire(job.provider, signal, resumed && job.remote !== null);
      if (!job.remote) {
        const sent = await submitWhenReachable(job, model, entry, signal);
        if (!sent) return;
        job = sent.job;
        if (sent.immediate) {
          await deliver(job, sent.immediate, entry, signal);
          return;
        }
      }
      await poll(job, model, entry, signal);
    } catch (error) {
      await stopped(requireJob(id), error, signal);
    } finally {
      release?.();
    }
  }

  /** After a thrown error: closing leaves the job as it is; a cancel was recorded by `cancel`. */
  async function stopped(job: JobRecord, error: unknown, signal: AbortSignal): Promise<void> {
    const reason = signal.reason as unknown;
    if (reason instanceof Shutdown || reason instanceof CancelledByArtist || isTerminal(job.state)) return;
    const explained = explainFailure(job.provider, error);
    if (!(error instanceof ProviderError) && !(error instanceof StudioError)) log.error('job failed unexpectedly', { job: job.id, error });
    await finish(job, 'failed', explained.message, explained.remedy);
  }

  /**
   * `submitOnce`, waiting out a provider that cannot be reached. Only a failure to connect (nothing
   * was sent, so nothing can have been paid) is tried again, with growing pauses; anything that may
   * have reached the provider ends in `submitOnce` as before (never pay twice).
   */
  async function submitWhenReachable(job: JobRecord, model: CatalogModel, entry: Live, signal: AbortSignal): Promise<Sent | undefined> {
    for (let tries = 0; ; tries++) {
      const outcome = await submitOnce(job, model, entry, signal);
      if (!('unreachable' in outcome)) return outcome.sent;
      job = outcome.unreachable;
      await clock.sleep(unreachableWaitMs(tries), signal);
      job = requireJob(job.id);
    }
  }

  /**
   * Uploads, then the one paid POST. `sent` is undefined when the job ended here; `unreachable` is
   * the job, back to `queued` with the waiting sentence, when the provider could not be connected to.
   */
  async function submitOnce(job: JobRecord, model: CatalogModel, entry: Live, signal: AbortSignal): Promise<{ sent: Sent | undefined } | { unreachable: JobRecord }> {
    const adapter = adapterFor(job.provider);
    const ctx = await providerContext(job.provider, signal);
    const inputs = await loadInputs(job);
    let prepared;
    try {
      prepared = await adapter.prepareInputs(ctx, model, inputs);
    } catch (error) {
      if (!signal.aborted && isUnreachable(error)) return { unreachable: await waitingForProvider(job) };
      throw error;
    }
    signal.throwIfAborted();
    // Durable before the POST: a crash from here on is an unknown submission, never a silent resend.
    job = await save(job, { state: 'submitting', prepared: prepared as never, attempt: job.attempt + 1, message: null, remedy: 'none' }, 'submit-started');
    entry.submitting = true;
    let result;
    try {
      result = await adapter.submit(ctx, model, prepared, job.params);
    } catch (error) {
      entry.submitting = false;
      if (signal.reason instanceof Shutdown) throw error;
      if (!signal.aborted && isUnreachable(error)) return { unreachable: await waitingForProvider(job) };
      if (error instanceof ProviderError && error.mayHaveStarted) {
        if (signal.reason instanceof CancelledByArtist) return { sent: undefined };
        const sentAt = job.updatedAt;
        job = await finish(job, 'unknown-submission', `${error.message} ${unknownSubmissionSentence(job.provider)}`, 'check-provider');
        // Where the provider lists recent jobs, the lost answer can be found again.
        job = await reconcile(job, sentAt);
        return { sent: job.state === 'unknown-submission' ? undefined : { job } };
      }
      if (signal.reason instanceof CancelledByArtist) return { sent: undefined };
      const explained = explainFailure(job.provider, error);
      await finish(job, 'failed', explained.message, explained.remedy);
      return { sent: undefined };
    }
    entry.submitting = false;
    const submittedAt = clock.now();
    job = await save(
      job,
      { state: 'queued', remote: result.ref as never, submittedAt, deadlineAt: submittedAt + deadlineMsOf(job.provider), message: null },
      'submitted',
      result.ref.remoteId,
    );
    if (signal.reason instanceof CancelledByArtist) return { sent: undefined };
    return { sent: { job, immediate: result.immediate } };
  }

  /** Back to `queued` (durably: a restart sends it normally) with the sentence the Jobs list shows. */
  async function waitingForProvider(job: JobRecord): Promise<JobRecord> {
    const current = requireJob(job.id);
    return save(current, { state: 'queued', message: unreachableSentence(job.provider), remedy: 'none' }, 'provider-unreachable');
  }

  function etaFor(job: JobRecord, model: CatalogModel): EtaModel {
    const past = library.durations({ provider: job.provider, modelId: job.modelId, variant: job.variant }, 200);
    return learnEta(past, model.typicalSeconds);
  }

  async function poll(job: JobRecord, model: CatalogModel, entry: Live, signal: AbortSignal): Promise<void> {
    const adapter = adapterFor(job.provider);
    const ref = job.remote as unknown as RemoteRef;
    const eta = etaFor(job, model);
    entry.eta = eta;
    const planner = new PollPlanner({ eta, floorMs: config.pollFloorMs[job.provider] });
    const submittedAt = job.submittedAt ?? ref.submittedAt;
    let troubles = 0;
    let wait: number | undefined;
    for (;;) {
      // Read each time: a deadline changed in Settings applies to jobs already running.
      const deadlineAt = submittedAt + deadlineMsOf(job.provider);
      const now = clock.now();
      if (now >= deadlineAt) {
        await finish(job, 'failed', deadlineSentence(job.provider, Math.round(deadlineMsOf(job.provider) / 60_000)), 'retry');
        return;
      }
      const delay = wait ?? planner.next({ elapsedMs: now - (entry.runningSince ?? submittedAt), phase: entry.phase ?? 'unknown', percent: entry.percent });
      wait = undefined;
      await clock.sleep(Math.min(delay, deadlineAt - now), signal);
      if (clock.now() >= deadlineAt) continue;
      const ctx = await providerContext(job.provider, signal);
      let result: CheckResult;
      try {
        result = await adapter.check(ctx, ref);
      } catch (error) {
        if (signal.aborted) throw error;
        // What waiting cannot fix (key, credits, an unreadable answer). The provider id is kept, so
        // Retry picks the same job up again instead of paying for a new one.
        const explained = explainFailure(job.provider, error);
        await finish(job, 'failed', explained.message, explained.remedy);
        return;
      }
      signal.throwIfAborted();
      switch (result.state) {
        case 'progress': {
          troubles = 0;
          const phaseChanged = entry.phase !== result.phase;
          entry.phase = result.phase;
          entry.percent = result.percent;
          entry.note = undefined;
          if (result.phase === 'running' && entry.runningSince === undefined) entry.runningSince = job.state === 'running' && job.startedAt ? job.startedAt : clock.now();
          const state: JobState = result.phase === 'running' ? 'running' : 'queued';
          if (state !== job.state) {
            job = await save(job, { state, ...(state === 'running' && !job.startedAt ? { startedAt: clock.now() } : {}) }, state);
          } else if (phaseChanged || result.percent !== undefined) {
            emit(job);
          }
          break;
        }
        case 'retry-after': {
          troubles++;
          // Rate limits say how long; 5xx and network trouble back off with full jitter.
          const backoff = backoffMs(troubles - 1);
          wait = result.kind === 'rate-limited' ? Math.max(result.ms, config.pollFloorMs[job.provider]) : Math.max(backoff, config.pollFloorMs[job.provider]);
          entry.note = retryingSentence(result.reason, wait);
          emit(job);
          break;
        }
        case 'completed':
          await deliver(job, result, entry, signal);
          return;
        case 'failed':
          await finish(job, 'failed', result.reason, 'retry', { remote: null });
          return;
        case 'expired':
          await finish(job, 'expired', result.reason, 'retry', { remote: null });
          return;
      }
    }
  }

  /** Links expire: download at once, then the job is complete. */
  async function deliver(job: JobRecord, result: Completed, entry: Live, signal: AbortSignal): Promise<void> {
    entry.note = undefined;
    job = await save(job, { state: 'downloading' }, 'downloading');
    const files: JobRecord['outputs'] = [];
    let primary: string | null = null;
    const modelAssets = result.assets.filter((a) => a.format !== 'mp4');
    const assets = modelAssets.length > 0 ? modelAssets : result.assets;
    try {
      for (const [i, asset] of assets.entries()) {
        const got = await downloadAsset({
          provider: job.provider,
          asset,
          outputsDir: library.outputsDir(job.id),
          baseName: i === 0 ? 'model' : `model-${i + 1}`,
          endpoint: deps.endpoints()[job.provider],
          signal,
          maxBytes: config.maxOutputBytes,
        });
        files.push(...got.files);
        primary ??= got.primary;
      }
    } catch (error) {
      if (signal.aborted) throw error;
      if (error instanceof ProviderError && error.kind === 'expired') {
        await finish(job, 'expired', error.message, 'retry', { remote: null });
        return;
      }
      const explained = explainFailure(job.provider, error);
      await finish(job, 'failed', explained.message, explained.remedy);
      return;
    }
    // Learned as run time (from the first "running" report) where the provider gives one, matching
    // how the planner measures elapsed time; else from the submit.
    const since = entry.runningSince ?? job.startedAt ?? job.submittedAt ?? clock.now();
    library.recordDuration({ provider: job.provider, modelId: job.modelId, variant: job.variant }, Math.max(0, (clock.now() - since) / 1000));
    await finish(job, 'completed', null, 'none', { outputs: files, primaryOutput: primary, costUsd: result.costUsd ?? null });
  }

  // ─── restart ────────────────────────────────────────────────────────────────────────────────

  /** A job whose submit answer was lost: look for it at a provider that lists recent jobs. */
  async function reconcile(job: JobRecord, sentAt: number): Promise<JobRecord> {
    const adapter = adapterFor(job.provider);
    const model = modelOf(job);
    if (!adapter.findRecent || !model) return job;
    try {
      const ctx = await providerContext(job.provider, AbortSignal.timeout(30_000));
      // The provider's clock may differ a little from ours; the job was created just after the POST left.
      const found = await adapter.findRecent(ctx, { remoteModel: job.remoteModel, from: sentAt - 60_000, to: sentAt + 10 * 60_000 });
      const known = new Set(library.listJobs({ limit: 5000 }).map((j) => (j.remote as RemoteRef | null)?.remoteId).filter(Boolean));
      const candidates = found.filter((f) => !known.has(f.remoteId));
      if (candidates.length !== 1) return job;
      const [match] = candidates;
      if (!match) return job;
      const ref: RemoteRef = { provider: job.provider, remoteId: match.remoteId, route: 'async', remoteModel: job.remoteModel, outputFormat: requestedFormat(model, job.params), submittedAt: match.createdAt };
      log.info('unknown submission found at the provider', { job: job.id });
      return await save(job, { state: 'queued', remote: ref as never, submittedAt: match.createdAt, deadlineAt: match.createdAt + deadlineMsOf(job.provider), message: null, remedy: 'none', finishedAt: null }, 'reconciled', match.remoteId);
    } catch (error) {
      log.warn('could not look for an unknown submission', { job: job.id, error });
      return job;
    }
  }


  // ─── the page's calls ───────────────────────────────────────────────────────────────────────

  async function submit(input: JobSubmitInput): Promise<JobSummary> {
    if (closing) throw new StudioError('unavailable', 'Studio is closing; start the job after it opens again.');
    const model = findModel(input.modelId);
    if (!model) throw new StudioError('invalid-input', 'This model is not in Studio’s catalog.');
    const params = checkParams(model, input.params);
    if (!params.ok) throw new StudioError('invalid-input', params.message);
    const problem = inputsProblem(model, describeInputs(input.inputs));
    if (problem) throw new StudioError('invalid-input', problem);
    // Before any work: a missing or mis-bound key is a sentence now, not a failed job later.
    if (isKeyedProvider(model.provider)) await keyForEndpoint(deps.vault, model.provider as KeyedProviderId, deps.endpoints()[model.provider]);

    const pictures: { role: string; name: string; bytes: Uint8Array }[] = [];
    if (input.inputs.kind === 'image') pictures.push({ role: 'image', ...input.inputs.image });
    if (input.inputs.kind === 'views') {
      for (const v of viewNames) {
        const p = input.inputs.views[v];
        if (p) pictures.push({ role: v, ...p });
      }
    }
    const stored: Parameters<Library['createJob']>[1] = [];
    const notes: string[] = [];
    let thumb: Uint8Array | undefined;
    for (const picture of pictures) {
      let image;
      try {
        image = await imageStep(() => normaliseImage(picture.bytes, { fileName: picture.name, base64: inlinesPictures[model.provider] }));
      } catch (error) {
        const said = error instanceof StudioError ? error.message : 'This picture could not be read.';
        const which = pictures.length > 1 ? `The ${picture.role} picture (${picture.name.slice(0, 80)}): ` : '';
        throw new StudioError('invalid-input', `${which}${said}`);
      }
      stored.push({ role: picture.role, fileName: `${picture.role}.${extensionFor(image.mime)}`, originalName: picture.name, bytes: image.bytes, mime: image.mime, width: image.width, height: image.height });
      for (const change of image.changes) notes.push(pictures.length > 1 ? `${picture.role}: ${change}` : change);
      thumb ??= image.thumbnail.bytes;
    }
    if (thumb) stored.push({ role: 'thumbnail', fileName: thumbnailFile, bytes: thumb, mime: 'image/webp', width: 0, height: 0 });

    const job = await library.createJob(
      {
        provider: model.provider,
        modelId: model.id,
        modelLabel: model.label,
        remoteModel: model.remoteModel,
        variant: variantOf(model, params.value),
        params: params.value,
        text: input.inputs.kind === 'text' ? input.inputs.text : null,
        notes: notes.slice(0, 20),
        state: 'queued',
      } as never,
      stored,
    );
    emit(job);
    launch(job, false);
    return view(job);
  }

  async function cancel(id: string): Promise<{ job: JobSummary; providerTold: boolean; message: string }> {
    let job = requireJob(id);
    if (isTerminal(job.state)) throw new StudioError('invalid-input', 'This job has already ended.');
    const entry = live.get(id);
    const wasSent = job.remote !== null || job.state === 'submitting';
    entry?.controller.abort(new CancelledByArtist());
    await entry?.done;
    job = requireJob(id);
    let providerTold = false;
    const adapter = adapterFor(job.provider);
    const ref = job.remote as RemoteRef | null;
    if (ref && adapter.cancel) {
      try {
        providerTold = await adapter.cancel(await providerContext(job.provider, AbortSignal.timeout(15_000)), ref);
      } catch (error) {
        log.warn('provider cancel failed', { job: id, error });
      }
    }
    const name = job.provider === 'local' ? 'your Hunyuan3D server' : providerNames[job.provider];
    const message = !wasSent
      ? 'Cancelled before it was sent; nothing was paid.'
      : providerTold
        ? `Cancelled; ${name} was told to stop.`
        : `Cancelled in Studio. ${name.replace(/^./, (c) => c.toUpperCase())} cannot be told to stop, so the job may still run there and be billed.`;
    job = await finish(job, 'cancelled', message, 'retry');
    return { job: view(job), providerTold, message };
  }

  async function retry(id: string, confirmPaidTwice: boolean): Promise<JobSummary> {
    if (closing) throw new StudioError('unavailable', 'Studio is closing; retry after it opens again.');
    let job = requireJob(id);
    if (!isTerminal(job.state) || job.state === 'completed') throw new StudioError('invalid-input', 'Only a job that failed, expired or was cancelled can be retried.');
    if (job.state === 'unknown-submission' && !confirmPaidTwice) {
      throw new StudioError('invalid-input', `This job may already be running at ${providerNames[job.provider]}; retrying may start and bill a second one. Confirm to retry.`);
    }
    if (isKeyedProvider(job.provider)) await keyForEndpoint(deps.vault, job.provider as KeyedProviderId, deps.endpoints()[job.provider]);
    // A job the provider still has (we lost track: a refused key, a failed download) is picked up
    // again; otherwise it is sent as a new job.
    const resume = job.state === 'failed' && job.remote !== null;
    job = await save(
      job,
      { state: 'queued', message: null, remedy: 'none', finishedAt: null, ...(resume ? {} : { remote: null, submittedAt: null, deadlineAt: null, startedAt: null }) },
      resume ? 'resumed' : 'retried',
    );
    launch(job, resume);
    return view(job);
  }

  async function rerun(id: string): Promise<JobSummary> {
    if (closing) throw new StudioError('unavailable', 'Studio is closing; run the job again after it opens again.');
    const source = requireJob(id);
    const model = findModel(source.modelId);
    if (!model) throw new StudioError('invalid-input', 'This job’s model is no longer in Studio’s catalog, so it cannot run again. Choose another model with Duplicate & tweak.');
    const params = checkParams(model, source.params);
    if (!params.ok) throw new StudioError('invalid-input', `${params.message} Change it with Duplicate & tweak.`);
    if (isKeyedProvider(model.provider)) await keyForEndpoint(deps.vault, model.provider as KeyedProviderId, deps.endpoints()[model.provider]);
    const inputs: Parameters<Library['createJob']>[1] = [];
    for (const input of source.inputs) {
      const bytes = await library.readJobFile(id, 'inputs', input.file).catch(() => {
        throw new StudioError('not-found', 'This job’s pictures are no longer in its folder, so it cannot run again. Drop the pictures again to start a new job.');
      });
      inputs.push({ role: input.role, fileName: input.file, originalName: input.originalName, bytes, mime: input.mime, width: input.width, height: input.height });
    }
    const job = await library.createJob(
      { provider: model.provider, modelId: model.id, modelLabel: model.label, remoteModel: model.remoteModel, variant: variantOf(model, params.value), params: params.value, text: source.text, notes: source.notes, state: 'queued' } as never,
      inputs,
    );
    emit(job);
    launch(job, false);
    return view(job);
  }

  async function model(id: string): Promise<JobModel> {
    const job = requireJob(id);
    if (job.state !== 'completed' || job.outputs.length === 0) throw new StudioError('not-found', 'This job has no model yet.');
    let total = 0;
    const files: JobModel['files'] = [];
    for (const out of job.outputs) {
      total += out.bytes;
      if (total > config.maxOutputBytes) throw new StudioError('invalid-input', 'This job’s files are too large to open in the preview.');
      files.push({ name: out.name, bytes: (await library.readJobFile(id, 'outputs', out.name)) as Uint8Array<ArrayBuffer> });
    }
    return { primary: job.primaryOutput ?? job.outputs[0]?.name ?? '', files };
  }

  async function thumbnail(id: string): Promise<{ mime: string; bytes: Uint8Array<ArrayBuffer> } | null> {
    const job = requireJob(id);
    const thumb = job.inputs.find((i) => i.role === 'thumbnail');
    if (!thumb) return null;
    try {
      return { mime: 'image/webp', bytes: (await library.readJobFile(id, 'inputs', thumb.file)) as Uint8Array<ArrayBuffer> };
    } catch {
      return null;
    }
  }

  async function start(): Promise<void> {
    for (let job of library.unfinishedJobs()) {
      if (job.state === 'submitting' && job.remote === null) {
        const sentAt = job.updatedAt;
        job = await finish(job, 'unknown-submission', unknownSubmissionSentence(job.provider), 'check-provider');
        job = await reconcile(job, sentAt);
        if (job.state === 'unknown-submission') continue;
      }
      launch(job, job.remote !== null);
    }
  }

  // Between polls (sparse early in a job) the estimated progress still moves: a light tick refreshes
  // a few running jobs per second, round-robin, so the bar never sits still and no tick grows with
  // the number of jobs.
  let tickFrom = 0;
  const ticker = setInterval(() => {
    const running = [...live.entries()].filter(([, e]) => e.eta && e.percent === undefined);
    if (running.length === 0) return;
    for (let i = 0; i < Math.min(ticksPerSecond, running.length); i++) {
      const [id] = running[(tickFrom + i) % running.length] ?? [];
      const job = id ? library.getJob(id) : undefined;
      if (job && (job.state === 'queued' || job.state === 'running')) emit(job);
    }
    tickFrom = (tickFrom + ticksPerSecond) % running.length;
  }, 1_000);
  ticker.unref();

  async function close(): Promise<void> {
    clearInterval(ticker);
    closing = true;
    // A submit already on the wire gets a moment to land, so its id is stored rather than lost.
    const sending = [...live.values()].filter((e) => e.submitting);
    if (sending.length > 0) {
      await Promise.race([Promise.all(sending.map((e) => e.done)), clock.sleep(config.submitGraceMs).catch(() => undefined)]);
    }
    for (const entry of live.values()) entry.controller.abort(new Shutdown());
    await Promise.all([...live.values()].map((e) => e.done));
  }

  return {
    submit,
    list: () => library.listJobs({ limit: 500 }).map(view),
    get: (id) => view(requireJob(id)),
    cancel,
    retry,
    rerun,
    model,
    thumbnail,
    start,
    close,
    activeCount: () => live.size,
    retune: () => slots.wake(),
  };
}
