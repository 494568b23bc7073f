/**
 * What a failed job says to the artist, and what it offers them to do. Adapters say what happened;
 * only the engine knows what happens next, so the "what to do" half is written here.
 */
import { StudioError } from '../../../shared/errors';
import type { jobRemedies } from '../../../shared/jobs';
import { providerNames } from '../../../shared/provider-names';
import type { ProviderId } from '../../../shared/providers';
import { ProviderError } from '../providers/errors';

export type Remedy = (typeof jobRemedies)[number];

export interface Explained {
  message: string;
  remedy: Remedy;
}

const serverName = (p: ProviderId) => (p === 'local' ? 'your Hunyuan3D server' : providerNames[p]);

/** A sentence and a remedy for whatever stopped a job. */
export function explainFailure(provider: ProviderId, error: unknown): Explained {
  const name = serverName(provider);
  if (error instanceof ProviderError) {
    switch (error.kind) {
      case 'auth':
        // Our sentence, never the provider's text: a 401 body may echo the key in a form redaction misses.
        return { message: `${providerNames[provider]} refused the key — open Settings to check it, then Retry.`, remedy: 'open-settings' };
      case 'credits':
        return { message: `Not enough ${providerNames[provider]} credits. Add credits in your ${providerNames[provider]} account, then Retry.`, remedy: 'check-provider' };
      case 'expired':
        return { message: error.message, remedy: 'retry' };
      case 'invalid':
      case 'gone':
      case 'not-found':
        return { message: error.message, remedy: 'none' };
      default:
        return { message: error.message, remedy: 'retry' };
    }
  }
  if (error instanceof StudioError) {
    return { message: error.message, remedy: error.code === 'forbidden' ? 'open-settings' : 'none' };
  }
  return { message: `Something went wrong while talking to ${name}. Retry; if it keeps happening, restart Studio.`, remedy: 'retry' };
}

export function unknownSubmissionSentence(provider: ProviderId): string {
  const name = serverName(provider);
  return `Studio stopped while sending this job to ${name}, so it cannot tell whether ${name} started it (and will bill it). Check your ${providerNames[provider]} dashboard; Retry may start and bill a second job.`;
}

export function deadlineSentence(provider: ProviderId, minutes: number): string {
  return `${serverName(provider).replace(/^./, (c) => c.toUpperCase())} has not finished this job after ${minutes} minute${minutes === 1 ? '' : 's'}; Studio stopped waiting. ${provider === 'local' ? 'Check the server’s console, then Retry.' : 'Retry to start it again.'}`;
}

export function retryingSentence(reason: string, ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  return `${reason.replace(/\s*$/, '')} Trying again in ${seconds} s.`;
}

/** The job could not be sent because the provider cannot be reached; it waits and goes by itself. */
export function unreachableSentence(provider: ProviderId): string {
  const name = serverName(provider).replace(/^./, (c) => c.toUpperCase());
  const check = provider === 'local' ? 'check that it is running' : 'check your connection';
  return `${name} cannot be reached — ${check}; the job will wait and start when it can.`;
}
