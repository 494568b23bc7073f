/**
 * The engine owns time: every "now" and every wait goes through a Clock, so tests and benchmarks
 * can run hours of polling on a fake one and adapters never read a clock of their own.
 */
export interface Clock {
  now(): number;
  /** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep(ms, signal) {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason as Error);
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, Math.max(0, ms));
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason as Error);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  },
};

/**
 * A clock that runs `factor` times faster than the wall clock: hours of polling in seconds, with the
 * real scheduler, real HTTP and a real simulator. Its time keeps counting across restarts (it is
 * anchored to a fixed instant), so stored times stay in order when a test kills and restarts Studio.
 * For tests, benchmarks and `npm run harness -- --time-scale N`; the app always uses `systemClock`.
 */
export function scaledClock(factor: number, anchor = Date.UTC(2026, 11, 1)): Clock {
  if (!(factor >= 1)) throw new Error('A clock can only be sped up (factor ≥ 1).');
  return {
    now: () => anchor + (Date.now() - anchor) * factor,
    sleep: (ms, signal) => systemClock.sleep(ms / factor, signal),
  };
}
