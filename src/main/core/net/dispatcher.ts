/**
 * The one place provider and download traffic gets its undici dispatcher: straight to the host, or
 * through the proxy (CONNECT, TLS inside), trusting Node's certificate authorities plus the artist's
 * extra ones. `configureNetwork` is called at start and whenever the network settings change; pooled
 * provider connections are then closed (requests on them finish) and new ones follow the new settings.
 * One process has one network, so this is module state (the app and the harness run one core each).
 */
import net, { type LookupFunction } from 'node:net';
import tls from 'node:tls';
import { Agent, buildConnector, type Dispatcher } from 'undici';
import { bypassesProxy, directNetwork, type NetworkOptions } from './network';
import { openTunnel } from './tunnel';

let current: NetworkOptions = directNetwork;
const providerAgents = new Map<number, Agent>();

export function configureNetwork(options: NetworkOptions): void {
  current = options;
  const old = [...providerAgents.values()];
  providerAgents.clear();
  for (const agent of old) void agent.close().catch(() => undefined);
}

const contexts = new WeakMap<NetworkOptions, tls.SecureContext>();
/**
 * Node's own authorities (NODE_EXTRA_CA_CERTS included) plus the extra ones, as one TLS context made
 * once per network setting. Passing them as a `ca` list instead would parse all ~150 of Node's
 * certificates for every connection (≈ 90 ms of blocked event loop each); adding the few extras to a
 * default context copies the parsed root store (≈ 4 ms, once).
 */
function trustedContext(options: NetworkOptions): tls.SecureContext | undefined {
  if (options.extraCa.length === 0) return undefined;
  let context = contexts.get(options);
  if (!context) {
    context = tls.createSecureContext();
    const native = context.context as { addCACert(pem: string): void };
    for (const pem of options.extraCa) native.addCACert(pem);
    contexts.set(options, context);
  }
  return context;
}

function resolveOne(lookup: LookupFunction, hostname: string): Promise<string> {
  return new Promise((resolve, reject) => {
    lookup(hostname, { all: false }, (error, address) => {
      if (error) reject(error);
      else resolve(typeof address === 'string' ? address : (address[0]?.address ?? ''));
    });
  });
}

export interface ConnectorOptions {
  connectMs: number;
  /** Resolves names on direct connections (the downloads' guarded resolver). */
  lookup?: LookupFunction;
  /**
   * Through the proxy, resolve the name here with `lookup` and CONNECT to the checked address, so the
   * proxy never resolves it (trust rule 4 still judges the address the connection goes to).
   */
  resolveBeforeProxy?: boolean;
}

export function connectorFor(options: NetworkOptions, o: ConnectorOptions): buildConnector.connector {
  const secureContext = trustedContext(options);
  const trust = secureContext ? { secureContext } : {};
  const direct = buildConnector({ timeout: o.connectMs, ...trust, ...(o.lookup ? { lookup: o.lookup } : {}) });
  const insideTunnel = buildConnector({ timeout: o.connectMs, ...trust });
  return (opts, callback) => {
    const port = Number(opts.port) || (opts.protocol === 'https:' ? 443 : 80);
    const proxy = options.proxy;
    // An HTTPS proxy carries https only: plain http (loopback, a self-hosted server on the network)
    // goes direct, so no proxy ever sees an unencrypted picture or model.
    if (!proxy || opts.protocol !== 'https:' || bypassesProxy(options, opts.hostname, port)) return direct(opts, callback);
    void (async () => {
      const target = o.resolveBeforeProxy && o.lookup ? await resolveOne(o.lookup, opts.hostname) : opts.hostname;
      const socket = await openTunnel({ proxy, target, port, timeoutMs: o.connectMs, secureContext });
      const servername = opts.servername || (net.isIP(opts.hostname) ? undefined : opts.hostname);
      insideTunnel({ ...opts, ...(servername ? { servername } : {}), httpSocket: socket }, callback);
    })().catch((error: unknown) => callback(error as Error, null));
    return undefined as never;
  };
}

/** Pooled per connect timeout, for the adapters' calls. */
export function providerDispatcher(connectMs: number): Dispatcher {
  let agent = providerAgents.get(connectMs);
  if (!agent) {
    agent = new Agent({ connect: connectorFor(current, { connectMs }), keepAliveTimeout: 4_000 });
    providerAgents.set(connectMs, agent);
  }
  return agent;
}

/** A fresh agent for one download hop (the caller destroys it), its names judged by `lookup`. */
export function downloadDispatcher(o: Required<Pick<ConnectorOptions, 'connectMs' | 'lookup'>> & { resolveBeforeProxy: boolean }): Agent {
  return new Agent({ connect: connectorFor(current, o), pipelining: 0 });
}
