/**
 * Words from outside (a provider's failure reason, an error body, a server's health text) made
 * safe to show a person: secrets removed first, then cut short. Neutral ground, so the key checks
 * and the provider adapters can both use it without importing each other.
 */
import { redact } from './log';

/** The longest message a check may show (the `keys:test` / `server:test` output schema's bound). */
export const checkMessageMax = 999;

/** Longest stretch of a provider's own words we pass on. */
export const providerTextMax = 300;

/** Redact before cutting: a key straddling the cut would otherwise leave its start behind. */
export function providerText(text: string, max = providerTextMax): string {
  const safe = redact(text.trim());
  return safe.length > max ? `${safe.slice(0, max).trimEnd()}…` : safe;
}
