/**
 * A connection through an HTTPS proxy: `CONNECT host:port`, then TLS to the target inside the tunnel,
 * so the proxy sees only where the app connects, never a request, header or key.
 */
import net from 'node:net';
import tls from 'node:tls';

/** The proxy's answer may not be longer than this before the blank line. */
const maxProxyHeaderBytes = 16 * 1024;

export interface TunnelOptions {
  proxy: URL;
  /** What to CONNECT to: a host name, or an address the caller resolved and checked itself. */
  target: string;
  port: number;
  timeoutMs: number;
  /** Trusted authorities for a proxy reached over https (undefined: Node's defaults). */
  secureContext?: tls.SecureContext;
}

function proxyError(message: string, code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code });
}

/** Resolves with the raw socket of an open tunnel; the caller wraps it in TLS. */
export function openTunnel(o: TunnelOptions): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const proxyPort = Number(o.proxy.port) || (o.proxy.protocol === 'https:' ? 443 : 80);
    const proxyHost = o.proxy.hostname.replace(/^\[|\]$/g, '');
    const socket: net.Socket =
      o.proxy.protocol === 'https:' ? tls.connect({ host: proxyHost, port: proxyPort, servername: net.isIP(proxyHost) ? undefined : proxyHost, secureContext: o.secureContext }) : net.connect({ host: proxyHost, port: proxyPort });
    const timer = setTimeout(() => fail(proxyError('the proxy did not open the connection in time', 'UND_ERR_CONNECT_TIMEOUT')), o.timeoutMs);
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      reject(error);
    };
    socket.once('error', fail);
    const authority = net.isIPv6(o.target) ? `[${o.target}]:${o.port}` : `${o.target}:${o.port}`;
    const auth = o.proxy.username ? `Proxy-Authorization: Basic ${Buffer.from(`${decodeURIComponent(o.proxy.username)}:${decodeURIComponent(o.proxy.password)}`).toString('base64')}\r\n` : '';
    socket.once(o.proxy.protocol === 'https:' ? 'secureConnect' : 'connect', () => {
      socket.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n${auth}\r\n`);
    });
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) {
        if (head.byteLength > maxProxyHeaderBytes) fail(proxyError('the proxy sent an answer too long to read', 'HY3D_PROXY_REFUSED'));
        return;
      }
      socket.off('data', onData);
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(head.subarray(0, end).toString('latin1'));
      if (!status || status[1] !== '200') {
        fail(proxyError(`the proxy refused to connect to ${authority} (${status ? `HTTP ${status[1]}` : 'not an HTTP answer'})`, 'HY3D_PROXY_REFUSED'));
        return;
      }
      // Nothing may follow the proxy's answer before our TLS hello: anything that did is not the target's.
      if (head.byteLength > end + 4) {
        fail(proxyError('the proxy sent data before the connection was open', 'HY3D_PROXY_REFUSED'));
        return;
      }
      settled = true;
      clearTimeout(timer);
      socket.off('error', fail);
      // TLS (wrapped around this socket by the caller) reports errors from here on.
      socket.on('error', () => undefined);
      resolve(socket);
    };
    socket.on('data', onData);
  });
}
