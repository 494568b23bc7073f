/**
 * One allowance per picture: the caller's cancel and our own time limit. Every step checks it, and
 * every libvips call is raced against it, so a cancel or an overrun answers at once instead of when
 * the current encode happens to finish.
 */
import { StudioError } from '../../../shared/errors';

export class Budget {
  readonly signal: AbortSignal;
  private readonly endsAt: number;
  private lastYield = performance.now();

  constructor(
    readonly ms: number,
    private readonly outer?: AbortSignal,
  ) {
    const timer = AbortSignal.timeout(ms);
    this.signal = outer ? AbortSignal.any([outer, timer]) : timer;
    this.endsAt = performance.now() + ms;
  }

  /** The caller's own reason when it cancelled (so it can tell its cancel from a failure), else our sentence. */
  reason(): unknown {
    if (this.outer?.aborted) return this.outer.reason;
    const seconds = Math.max(1, Math.round(this.ms / 1000));
    return new StudioError(
      'invalid-input',
      `Preparing this picture took longer than ${seconds} second${seconds === 1 ? '' : 's'}, so Studio stopped. ` +
        'Save it at a lower resolution or as JPEG and try again.',
    );
  }

  check(): void {
    if (this.signal.aborted || performance.now() >= this.endsAt) throw this.reason();
  }

  /**
   * Whole seconds libvips may still spend on one call. sharp's `timeout` kills a call we stopped
   * waiting for, so an abandoned encode does not keep a thread and its memory for long.
   */
  secondsLeft(): number {
    return Math.max(1, Math.ceil((this.endsAt - performance.now()) / 1000));
  }

  /** Waits for `work` unless the budget runs out first. */
  run<T>(work: Promise<T>): Promise<T> {
    this.check();
    // An abandoned call may still fail later; nobody is waiting for it then.
    work.catch(() => undefined);
    return new Promise<T>((resolve, reject) => {
      const onAbort = (): void => reject(this.reason());
      this.signal.addEventListener('abort', onAbort, { once: true });
      work.then(
        (value) => {
          this.signal.removeEventListener('abort', onAbort);
          resolve(value);
        },
        (error: unknown) => {
          this.signal.removeEventListener('abort', onAbort);
          reject(this.signal.aborted ? this.reason() : error);
        },
      );
    });
  }

  /**
   * Lets the event loop breathe during JavaScript loops over pixels or chunks: call it often; it
   * yields once about `sliceMs` have passed since the last yield.
   */
  async breathe(sliceMs = 8): Promise<void> {
    if (performance.now() - this.lastYield < sliceMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.lastYield = performance.now();
    this.check();
  }
}
