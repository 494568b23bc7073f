/**
 * At most `n` tasks at once, the rest started in arrival order as earlier ones settle. The engine runs
 * the image step through one: each picture holds its decoded pixels (megabytes) between sharp's
 * steps, so 200 pictures submitted together would otherwise all be decoded before any is encoded
 * (≈ 470 MB of pixels for 200 1024×768 photos), would fill libuv's threadpool ahead of the library's
 * file writes, and would spend their 20 s time budget waiting in that queue rather than working.
 */
export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

export function createLimiter(n: number): Limiter {
  const cap = Math.max(1, Math.floor(n));
  let running = 0;
  const waiting: (() => void)[] = [];
  const next = () => {
    running--;
    waiting.shift()?.();
  };
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= cap) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      next();
    }
  };
}
