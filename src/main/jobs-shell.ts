/**
 * What the desktop does around running jobs: a notification when one ends while Studio is in the
 * background, the machine kept from suspending while jobs run, and one question before quitting
 * with jobs in flight (they resume at the next start, so quitting loses nothing but time).
 */
import { app, dialog, Notification, powerSaveBlocker, type BrowserWindow } from 'electron';
import { isTerminal, jobStateWords, type JobState, type JobSummary } from '../shared/jobs';
import type { Core } from './core';

export function watchJobs(core: Core, win: BrowserWindow): () => void {
  const lastState = new Map<string, JobState>();
  let blocker: number | null = null;
  let quitConfirmed = false;

  const keepAwake = () => {
    const busy = core.activeJobs() > 0;
    if (busy && blocker === null) blocker = powerSaveBlocker.start('prevent-app-suspension');
    if (!busy && blocker !== null) {
      powerSaveBlocker.stop(blocker);
      blocker = null;
    }
  };

  const notify = (job: JobSummary) => {
    if (win.isDestroyed() || win.isFocused() || !Notification.isSupported()) return;
    const body = job.state === 'completed' ? 'The model is ready to open.' : (job.message ?? jobStateWords[job.state]);
    const note = new Notification({ title: `${job.modelLabel}: ${jobStateWords[job.state]}`, body: body.slice(0, 200), silent: job.state !== 'completed' });
    note.on('click', () => {
      if (win.isDestroyed()) return;
      if (win.isMinimized()) win.restore();
      win.focus();
    });
    note.show();
  };

  const unsubscribe = core.onEvent((event, payload) => {
    if (event !== 'jobs:changed') return;
    const job = payload as JobSummary;
    const before = lastState.get(job.id);
    lastState.set(job.id, job.state);
    if (before !== undefined && before !== job.state && !isTerminal(before) && isTerminal(job.state)) notify(job);
    // The count changes a moment after the event (the runner ends after its last save).
    setTimeout(keepAwake, 50);
  });

  const askBeforeQuitting = (event: Electron.Event) => {
    const running = core.activeJobs();
    if (quitConfirmed || running === 0) return;
    event.preventDefault();
    void dialog
      .showMessageBox(win, {
        type: 'question',
        buttons: ['Keep Studio open', 'Quit'],
        defaultId: 0,
        cancelId: 0,
        noLink: true,
        message: `${running} job${running === 1 ? ' is' : 's are'} still running. Quit anyway?`,
        detail: 'They go on at the provider and Studio picks them up again the next time it opens; nothing is sent twice.',
      })
      .then(({ response }) => {
        if (response !== 1) return;
        quitConfirmed = true;
        app.quit();
      });
  };
  win.on('close', askBeforeQuitting);
  app.on('before-quit', askBeforeQuitting);

  return () => {
    unsubscribe();
    app.off('before-quit', askBeforeQuitting);
    if (blocker !== null) powerSaveBlocker.stop(blocker);
  };
}
