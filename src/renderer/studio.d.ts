import type { StudioApi } from '../shared/ipc';

declare global {
  interface Window {
    /** The named API the preload (or the browser harness) exposes; the page's only door out. */
    readonly studio: StudioApi;
  }
}
export {};
