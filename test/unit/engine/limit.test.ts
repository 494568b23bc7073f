/**
 * The image step's limiter: however many jobs are submitted together, only `n` pictures are being
 * worked on at once, each in its turn, and a picture that fails frees its place for the next.
 */
import { describe, expect, it } from 'vitest';
import { createLimiter } from '../../../src/main/core/engine/limit';

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

describe('createLimiter', () => {
  it('runs at most n tasks at once, starts the rest in arrival order, and returns every result', async () => {
    const limit = createLimiter(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const results = await Promise.all(
      Array.from({ length: 9 }, (_, i) =>
        limit(async () => {
          started.push(i);
          running++;
          most = Math.max(most, running);
          await tick();
          running--;
          return i * 10;
        }),
      ),
    );
    expect(most).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(results).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80]);
  });

  it('a task that throws passes its error on and lets the next one start', async () => {
    const limit = createLimiter(1);
    const failing = limit(async () => {
      await tick();
      throw new Error('damaged picture');
    });
    const next = limit(async () => 'next ran');
    await expect(failing).rejects.toThrow('damaged picture');
    await expect(next).resolves.toBe('next ran');
  });

  it('a cap below one still lets work through, one at a time', async () => {
    const limit = createLimiter(0);
    await expect(Promise.all([limit(async () => 1), limit(async () => 2)])).resolves.toEqual([1, 2]);
  });
});
