/**
 * Per-provider concurrency caps (WaveSpeed runs 2 jobs at once per account on its default tier).
 * A slot is held from submit until the job ends at the provider. Jobs resumed after a restart are
 * already running there, so they take a slot even over the cap rather than wait behind new ones.
 * The caps are read on every acquire and on `wake()`, so a change in Settings applies at once: a
 * raised cap lets waiting jobs start, a lowered one lets running jobs finish and holds new ones back.
 */
import type { ProviderId } from '../../../shared/providers';

export class ProviderSlots {
  readonly #caps: () => Record<ProviderId, number>;
  readonly #used = new Map<ProviderId, number>();
  readonly #waiting = new Map<ProviderId, { grant: () => void }[]>();

  constructor(caps: Record<ProviderId, number> | (() => Record<ProviderId, number>)) {
    this.#caps = typeof caps === 'function' ? caps : () => caps;
  }

  #cap(provider: ProviderId): number {
    return Math.max(1, this.#caps()[provider]);
  }

  /** The caps may have changed: start as many waiting jobs as the new caps allow. */
  wake(): void {
    for (const provider of this.#waiting.keys()) this.#fill(provider);
  }

  /** Hands free slots to the jobs waiting in line, in arrival order, up to the cap as it is now. */
  #fill(provider: ProviderId): void {
    const queue = this.#waiting.get(provider);
    while (queue?.length && this.inUse(provider) < this.#cap(provider)) {
      this.#used.set(provider, this.inUse(provider) + 1);
      queue.shift()?.grant();
    }
  }

  inUse(provider: ProviderId): number {
    return this.#used.get(provider) ?? 0;
  }

  /** Waits for a free slot (in arrival order); `force` takes one at once. Returns the release. */
  async acquire(provider: ProviderId, signal: AbortSignal, force = false): Promise<() => void> {
    if (force || this.inUse(provider) < this.#cap(provider)) {
      this.#used.set(provider, this.inUse(provider) + 1);
      return this.#releaser(provider);
    }
    await new Promise<void>((resolve, reject) => {
      const entry = {
        grant: () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        const queue = this.#waiting.get(provider) ?? [];
        const at = queue.indexOf(entry);
        if (at >= 0) queue.splice(at, 1);
        reject(signal.reason as Error);
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      const queue = this.#waiting.get(provider) ?? [];
      queue.push(entry);
      this.#waiting.set(provider, queue);
    });
    return this.#releaser(provider);
  }

  #releaser(provider: ProviderId): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#used.set(provider, Math.max(0, this.inUse(provider) - 1));
      // The slot passes to the next job in line, unless the cap was lowered meanwhile.
      this.#fill(provider);
    };
  }
}
