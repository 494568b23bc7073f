/**
 * What the network settings mean: which proxy (the Settings field, else HTTPS_PROXY / https_proxy),
 * which hosts skip it (loopback always — a proxy's own loopback is not this computer — plus NO_PROXY),
 * and which certificate authorities are trusted (Node's own plus the artist's extra ones).
 */
import { X509Certificate } from 'node:crypto';
import { isLoopbackHost } from '../../../shared/endpoints';
import { proxyProblem, type Settings } from '../../../shared/settings';

export interface NetworkOptions {
  /** The proxy's URL (http: or https:), or null to connect directly. */
  proxy: URL | null;
  /** NO_PROXY entries, lower-cased: `*`, `host`, `.domain`, `host:port`. */
  noProxy: string[];
  /** Extra trusted certificates (PEM), added to Node's defaults. */
  extraCa: string[];
}

export const directNetwork: NetworkOptions = { proxy: null, noProxy: [], extraCa: [] };

export function resolveNetwork(env: Record<string, string | undefined>, settings: Pick<Settings, 'network' | 'trustedCertificates'>): NetworkOptions {
  const saved = settings.network.proxy.trim();
  const fromEnv = (env.HTTPS_PROXY ?? env.https_proxy ?? '').trim();
  let proxy: URL | null = null;
  if (saved && proxyProblem(saved) === null) proxy = new URL(saved);
  else if (fromEnv && URL.canParse(fromEnv)) {
    const url = new URL(fromEnv);
    if (url.protocol === 'http:' || url.protocol === 'https:') proxy = url;
  }
  const noProxy = (env.NO_PROXY ?? env.no_proxy ?? '')
    .split(/[\s,]+/)
    .map((e) => e.trim().toLowerCase())
    .filter(Boolean);
  return { proxy, noProxy, extraCa: settings.trustedCertificates.map((c) => c.pem) };
}

/** Whether a connection to `hostname:port` goes straight to it rather than through the proxy. */
export function bypassesProxy(options: NetworkOptions, hostname: string, port: number): boolean {
  if (!options.proxy) return true;
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (isLoopbackHost(host)) return true;
  return options.noProxy.some((entry) => {
    if (entry === '*') return true;
    const [name = '', entryPort] = entry.startsWith('[') ? [entry.slice(1, entry.indexOf(']')), entry.split(']:')[1]] : entry.split(':');
    if (entryPort !== undefined && entryPort !== '' && Number(entryPort) !== port) return false;
    const bare = name.replace(/^\*?\./, '');
    return host === bare || host.endsWith(`.${bare}`);
  });
}

/** The certificates in a PEM text, each checked by parsing it; a sentence when there is none or one is unreadable. */
export function readPemCertificates(text: string): { ok: true; pems: string[]; subjects: string[] } | { ok: false; problem: string } {
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) return { ok: false, problem: 'This file holds no certificate (a PEM file starts with “-----BEGIN CERTIFICATE-----”).' };
  if (blocks.length > 50) return { ok: false, problem: 'This file holds more than 50 certificates; pick the one your network needs.' };
  const subjects: string[] = [];
  for (const block of blocks) {
    try {
      subjects.push(new X509Certificate(block).subject.replace(/\n/g, ', '));
    } catch {
      return { ok: false, problem: 'A certificate in this file could not be read; it may be damaged or not in PEM form.' };
    }
  }
  return { ok: true, pems: blocks, subjects };
}
