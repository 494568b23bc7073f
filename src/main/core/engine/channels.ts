/** The `jobs:*` channels over the engine, which is opened on first use (or by `core.start()`). */
import type { Handlers } from '../dispatch';
import type { JobEngine } from './engine';

type JobHandlers = Pick<Handlers, 'jobs:submit' | 'jobs:list' | 'jobs:get' | 'jobs:cancel' | 'jobs:retry' | 'jobs:model' | 'jobs:thumbnail'>;

export function createJobHandlers(engine: () => Promise<JobEngine>): JobHandlers {
  return {
    'jobs:submit': async (input) => (await engine()).submit(input),
    'jobs:list': async () => (await engine()).list(),
    'jobs:get': async ({ id }) => (await engine()).get(id),
    'jobs:cancel': async ({ id }) => (await engine()).cancel(id),
    'jobs:retry': async ({ id, confirmPaidTwice }) => (await engine()).retry(id, confirmPaidTwice === true),
    'jobs:model': async ({ id }) => (await engine()).model(id),
    'jobs:thumbnail': async ({ id }) => (await engine()).thumbnail(id),
  };
}
