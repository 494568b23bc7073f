/** Binds the contract to ipcMain: every channel through the core's one validating dispatcher. */
import { ipcMain, type BrowserWindow, type WebFrameMain } from 'electron';
import { channelNames, eventNames } from '../shared/ipc';
import type { Core } from './core';
import type { Dispatcher } from './core/dispatch';
import type { Sender } from './core/security/sender';

function describeSender(frame: WebFrameMain | null): Sender | null {
  if (!frame) return null;
  // A frame is the main frame exactly when it has no parent.
  return { url: frame.url, isMainFrame: frame.parent === null };
}

export function bindIpc(dispatcher: Dispatcher, core: Core, win: BrowserWindow): () => void {
  for (const channel of channelNames) {
    ipcMain.handle(channel, (event, input: unknown) => dispatcher.dispatch(channel, input, describeSender(event.senderFrame)));
  }
  const unsubscribe = core.onEvent((event, payload) => {
    if (!win.isDestroyed() && (eventNames as string[]).includes(event)) win.webContents.send(event, payload);
  });
  return () => {
    unsubscribe();
    for (const channel of channelNames) ipcMain.removeHandler(channel);
  };
}
