/**
 * Where a result (or a provider-named upload target) may be fetched from. A provider's answer names
 * the URL, so it is untrusted: it must not send the app to the machine itself, the local network, a
 * cloud metadata address, or anywhere in the clear. The one exception is the endpoint the artist
 * configured (a simulator, a self-hosted server), at exactly its host and port.
 */
import type { ProviderId } from '../../../shared/providers';
import { ipKind, isLoopbackAddress, isPublicAddress } from './ip';

export type UrlRefusal = 'unreadable' | 'scheme' | 'credentials' | 'private-address' | 'plain-http';

export type UrlVerdict = { ok: true; url: URL } | { ok: false; reason: UrlRefusal };

export interface UrlPolicyContext {
  provider: ProviderId;
  /** The configured base URL of that provider. */
  endpoint: string;
}

const defaultPorts: Record<string, string> = { 'http:': '80', 'https:': '443' };

/** `host:port` with the scheme's default port filled in; hostnames are already lower-cased by URL. */
export function hostPort(u: URL): string {
  return `${u.hostname}:${u.port || defaultPorts[u.protocol] || ''}`;
}

/** `localhost` and `*.localhost` always mean this machine (RFC 6761), whatever DNS says. */
function isLoopbackName(hostname: string): boolean {
  const h = hostname.replace(/\.$/, '');
  return h === 'localhost' || h.endsWith('.localhost');
}

/** A host that is (or names) an address off the public internet. */
export function isNonPublicHost(hostname: string): boolean {
  if (isLoopbackName(hostname)) return true;
  return ipKind(hostname) !== undefined && !isPublicAddress(hostname);
}

function isLoopbackHost(hostname: string): boolean {
  return isLoopbackName(hostname) || isLoopbackAddress(hostname);
}

function parse(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/**
 * The verdict on one URL (every redirect hop is judged again). WHATWG parsing first, so
 * `http://2130706433/`, `http://0x7f.1/` and `http://0177.0.0.1/` are all judged as 127.0.0.1.
 */
export function checkResultUrl(text: string, ctx: UrlPolicyContext): UrlVerdict {
  const url = parse(text);
  if (!url) return { ok: false, reason: 'unreadable' };
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: 'scheme' };
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'credentials' };
  const endpoint = parse(ctx.endpoint);
  const ownEndpoint = endpoint !== undefined && (endpoint.protocol === 'http:' || endpoint.protocol === 'https:') && hostPort(endpoint) === hostPort(url);
  if (!ownEndpoint && isNonPublicHost(url.hostname)) return { ok: false, reason: 'private-address' };
  if (url.protocol === 'http:') {
    // Plain http only back to the configured endpoint, and only where nothing on the way can read
    // it: a loopback endpoint, or the self-hosted server the artist runs (often on the LAN).
    const plainAllowed = ownEndpoint && (ctx.provider === 'local' || isLoopbackHost(url.hostname));
    if (!plainAllowed) return { ok: false, reason: 'plain-http' };
  }
  return { ok: true, url };
}

/** The boolean form, for callers that only need yes or no (WaveSpeed's upload target). */
export function allowedResultUrl(url: string, endpoint: string, provider: ProviderId = 'wavespeed'): boolean {
  return checkResultUrl(url, { provider, endpoint }).ok;
}

/** Why a URL was refused, as a sentence for the artist; `who` is the provider as a sentence names it. */
export function urlRefusalSentence(reason: UrlRefusal, who: string): string {
  const after = 'Nothing was downloaded. Run the job again; if this keeps happening, the service is sending bad links.';
  switch (reason) {
    case 'unreadable':
      return `${who} pointed to the result with a link that is not a valid web address. ${after}`;
    case 'scheme':
      return `${who} pointed to the result with a link that is not a web address (the app fetches results only over https). ${after}`;
    case 'credentials':
      return `${who} pointed to the result with a link that carries a user name or password, which the app never follows. ${after}`;
    case 'private-address':
      return `${who} pointed to the result at a private or local network address, which the app fetches from only when it is the server address set in Settings. ${after}`;
    case 'plain-http':
      return `${who} pointed to the result over unencrypted http; the app fetches results only over https (plain http only from a server address on this computer set in Settings). ${after}`;
  }
}
