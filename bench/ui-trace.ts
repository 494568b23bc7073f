/**
 * For `npm run bench -- ui`: the page's main-thread tasks while scrolling, in CPU time, from a
 * Chromium trace. A long task seen by the page's PerformanceObserver is wall-clock time: on a
 * machine shared with other work, a 12-ms task that loses the CPU for 40 ms counts as long. The
 * trace's thread time says how much work the page itself did in its longest task.
 */
import type { CDPSession } from 'playwright-core';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

export interface TaskCpu {
  tasks: number;
  /** Longest task in thread (CPU) time, ms. */
  longestCpuMs: number;
  /** Tasks over 50 ms of CPU time. */
  overBudget: number;
  /** Tasks over 50 ms of wall-clock time in the same trace. */
  overBudgetWall: number;
}

/** Traces the main thread while `work` runs and sums up its tasks. */
export async function traceTasks(cdp: CDPSession, work: () => Promise<void>): Promise<TaskCpu> {
  const events: TraceEvent[] = [];
  // CDP types trace events as string maps; they are these JSON objects.
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { categories: 'toplevel,devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
  await work();
  await cdp.send('Tracing.end');
  await complete;
  const main = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const tasks = events.filter((e) => e.ph === 'X' && e.name === 'RunTask' && main.has(`${e.pid}:${e.tid}`));
  const cpu = tasks.map((t) => (t.tdur ?? t.dur ?? 0) / 1000);
  return {
    tasks: tasks.length,
    longestCpuMs: Math.max(0, ...cpu),
    overBudget: cpu.filter((ms) => ms > 50).length,
    overBudgetWall: tasks.filter((t) => (t.dur ?? 0) / 1000 > 50).length,
  };
}
