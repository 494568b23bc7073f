/**
 * The preload: exposes `window.studio`, one named function per contract channel and `on` for
 * declared events, never ipcRenderer itself.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Reply } from '../shared/ipc';
import { buildStudioApi, forBridge } from '../shared/studio-client';

const studio = buildStudioApi({
  send: (name, input) => ipcRenderer.invoke(name, input) as Promise<Reply<unknown>>,
  subscribe: (event, listener) => {
    // The IpcRendererEvent never reaches the page: it carries `sender`, a door back to ipcRenderer.
    const wrapped = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(event, wrapped);
    return () => {
      ipcRenderer.removeListener(event, wrapped);
    };
  },
});

contextBridge.exposeInMainWorld('studio', forBridge(studio));
