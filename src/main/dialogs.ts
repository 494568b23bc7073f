/** Questions main asks the artist itself, in native dialogs the page cannot draw, fake or answer. */
import { dialog, type BrowserWindow } from 'electron';
import { providerNames } from '../shared/provider-names';
import type { EndpointChange } from './core/settings/endpoint-guard';

/** Trust rule 1: a keyed provider's new address is the artist's decision, taken here, not in the page. */
export async function confirmEndpointChange(win: BrowserWindow | null, change: EndpointChange): Promise<boolean> {
  const name = providerNames[change.provider];
  const options = {
    type: 'warning' as const,
    buttons: ['Keep the old address', `Use ${change.to}`],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
    title: `Change the ${name} address?`,
    message: `Send ${name} requests${change.keySaved ? ' and your API key' : ''} to ${change.to}?`,
    detail: `${name} is reached at ${change.from} now. ${change.keySaved ? `Your ${name} key will be sent to the new address with every job. ` : `A key you save later will be sent there. `}Only continue if you typed this address yourself and trust it.`,
  };
  const { response } = win ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
  return response === 1;
}
