/** Moved to ../downloads/magic.ts; kept so existing importers compile until they move. */
export { matchesFormat } from '../downloads/magic';
