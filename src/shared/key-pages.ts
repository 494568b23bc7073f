import type { KeyedProviderId } from './keys';

/**
 * Where each provider hands out API keys. Every address is plain https on a host of the window
 * guard's allow-list (main/core/security/navigation.ts), so a click opens the system browser;
 * test/renderer/welcome-links.test.ts keeps them so. The welcome screen and the Help menu both link them.
 */
export const keyPages: Record<KeyedProviderId, { url: string; where: string }> = {
  segmind: { url: 'https://cloud.segmind.com/console/api-keys', where: 'Console → API Keys' },
  wavespeed: { url: 'https://wavespeed.ai/accesskey', where: 'API Keys (a first top-up activates the key)' },
  vtrix: { url: 'https://vtrix.ai/', where: 'sign in, then your account’s API keys' },
};
