/**
 * The core as the chaos run's victim: a real core (library on disk, real adapters, real image step)
 * in its own process, pointed at the parent's simulator, on a fast clock. The parent sends
 * "submit" messages and SIGKILLs this process at moments of its choosing; every start resumes.
 */
import { createEngineCore, picture } from '../support/engine-core';

const simUrl = process.env.CHAOS_SIM_URL ?? '';
const dataDir = process.env.CHAOS_DATA_DIR ?? '';
if (!simUrl || !dataDir || !process.send) throw new Error('child.ts runs under test/chaos/run.ts');
const send = (message: unknown) => process.send?.(message);

const { core, studio } = createEngineCore(simUrl, {
  dataDir,
  speed: Number(process.env.CHAOS_SPEED ?? 20),
  engine: { concurrency: { segmind: 8, wavespeed: 2, vtrix: 4, local: 2 } },
});
core.onEvent((event, payload) => {
  if (event === 'jobs:changed') send({ type: 'changed', id: (payload as { id: string }).id, state: (payload as { state: string }).state });
});

process.on('message', (raw) => {
  const message = raw as { type: string; seed?: number; modelId?: string };
  if (message.type === 'submit') {
    void (async () => {
      try {
        const job = await studio.jobs.submit({
          modelId: message.modelId ?? 'segmind/hunyuan-3d-2',
          params: {},
          inputs: { kind: 'image', image: { name: `chaos-${message.seed}.jpg`, bytes: await picture(message.seed ?? 1, 256) } },
        });
        send({ type: 'submitted', id: job.id, seed: message.seed });
      } catch (error) {
        send({ type: 'refused', seed: message.seed, message: error instanceof Error ? error.message : String(error) });
      }
    })();
  }
  if (message.type === 'list') {
    void studio.jobs.list().then((jobs) => send({ type: 'list', jobs: jobs.map((j) => ({ id: j.id, state: j.state, message: j.message })) }));
  }
  if (message.type === 'stop') void core.close().then(() => process.exit(0));
});

await core.start();
send({ type: 'ready' });
