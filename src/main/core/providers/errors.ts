/**
 * Every way a provider call can go wrong, as a kind a program branches on and a sentence a person
 * reads. Messages pass through `redact`, so a key echoed by a provider never reaches the user.
 */
import { providerNames } from '../../../shared/provider-names';
import type { ProviderId } from '../../../shared/providers';
import { StudioError, type ErrorCode } from '../../../shared/errors';
import { redact } from '../log';

export type ProviderErrorKind =
  | 'auth' // 401/403: the key is wrong, revoked or not allowed this model
  | 'credits' // 406: the account cannot pay for the job
  | 'gone' // 410: the model was retired
  | 'rate-limited' // 429: wait `retryAfterMs`
  | 'server' // 5xx: the provider is struggling; retry later
  | 'network' // reset, refused, timeout, truncated body; retry later
  | 'malformed' // a body we cannot read: bad JSON, an HTML page, missing fields, wrong file type
  | 'invalid' // 400/422 on a submit: the provider refused the parameters
  | 'not-found' // a model or route the provider does not know
  | 'expired' // the provider no longer has the job or its files
  | 'too-large' // a result bigger than the app accepts
  | 'cancelled'; // the caller aborted

/** The provider as a sentence names it; the self-hosted server reads better as "your … server". */
export function providerName(id: ProviderId): string {
  return id === 'local' ? 'your Hunyuan3D server' : providerNames[id];
}

export interface ProviderErrorInit {
  provider: ProviderId;
  kind: ProviderErrorKind;
  message: string;
  status?: number;
  providerCode?: string;
  /** When a retry may be tried, the wait the provider asked for (or a sane default). */
  retryAfterMs?: number;
  /**
   * Set on a submit that failed after the request left: the provider may have started (and will
   * bill) the job, so the caller must not send it again without asking the user.
   */
  mayHaveStarted?: boolean;
}

export class ProviderError extends Error {
  readonly provider: ProviderId;
  readonly kind: ProviderErrorKind;
  readonly status?: number;
  readonly providerCode?: string;
  readonly retryAfterMs?: number;
  readonly mayHaveStarted: boolean;

  constructor(init: ProviderErrorInit) {
    const text = redact(init.message);
    super(text.charAt(0).toUpperCase() + text.slice(1));
    this.name = 'ProviderError';
    this.provider = init.provider;
    this.kind = init.kind;
    this.status = init.status;
    this.providerCode = init.providerCode === undefined ? undefined : redact(init.providerCode);
    this.retryAfterMs = init.retryAfterMs;
    this.mayHaveStarted = init.mayHaveStarted ?? false;
  }

  /**
   * Worth trying the same (idempotent) call again later. Never when the call may have started a
   * (paid) job: sending it again could start a second one.
   */
  get retryable(): boolean {
    if (this.mayHaveStarted) return false;
    return this.kind === 'rate-limited' || this.kind === 'server' || this.kind === 'network';
  }

  /** The shape that crosses IPC. */
  toStudioError(): StudioError {
    const code: ErrorCode =
      this.kind === 'auth' || this.kind === 'credits'
        ? 'forbidden'
        : this.kind === 'invalid' || this.kind === 'too-large'
          ? 'invalid-input'
          : this.kind === 'not-found' || this.kind === 'expired' || this.kind === 'gone'
            ? 'not-found'
            : 'unavailable';
    return new StudioError(code, this.message);
  }
}

export function isProviderError(e: unknown): e is ProviderError {
  return e instanceof ProviderError;
}
