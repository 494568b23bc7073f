/** The key a keyed provider needs, registered with the log's redactor before any request carries it. */
import type { ProviderId } from '../../../shared/providers';
import { registerSecret } from '../log';
import { ProviderError } from './errors';

export function requireKey(provider: ProviderId, ctx: { key: string }): string {
  const key = ctx.key.trim();
  if (!key) throw new ProviderError({ provider, kind: 'auth', message: 'No API key is set for this provider. Add one in Settings → Keys.' });
  registerSecret(key);
  return key;
}
