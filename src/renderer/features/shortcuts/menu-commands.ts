/** The app menu's items reach the page: each `app:command` runs the action its shortcut runs. */
import { useEffect } from 'react';
import type { StudioApi } from '../../../shared/ipc';
import { runShortcut } from './bindings';

/** Subscribes once per `studio`; in the browser there is no menu and the event never comes. */
export function useMenuCommands(studio: StudioApi): void {
  useEffect(() => studio.on('app:command', ({ command }) => void runShortcut(command)), [studio]);
}
