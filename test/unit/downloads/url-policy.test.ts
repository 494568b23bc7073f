import { describe, expect, it } from 'vitest';
import { allowedResultUrl, checkResultUrl, type UrlRefusal } from '../../../src/main/core/downloads/url-policy';
import { isPublicAddress } from '../../../src/main/core/downloads/ip';
import type { ProviderId } from '../../../src/shared/providers';

const verdict = (url: string, endpoint = 'https://api.segmind.com', provider: ProviderId = 'segmind'): true | UrlRefusal => {
  const v = checkResultUrl(url, { provider, endpoint });
  return v.ok ? true : v.reason;
};

describe('which result URLs the app fetches', () => {
  it.each([
    ['https://cdn.example.com/a.glb', true],
    ['https://8.8.8.8/a.glb', true],
    ['https://[2606:4700::1111]/a.glb', true],
    ['HTTPS://CDN.Example.com:8443/a.glb', true],
    ['http://cdn.example.com/a.glb', 'plain-http'],
    ['https://user:pass@cdn.example.com/a.glb', 'credentials'],
    ['https://user@cdn.example.com/a.glb', 'credentials'],
    ['https://:pass@cdn.example.com/a.glb', 'credentials'],
    ['file:///etc/passwd', 'scheme'],
    ['ftp://cdn.example.com/a.glb', 'scheme'],
    ['data:model/gltf-binary;base64,Z2xURg==', 'scheme'],
    ['javascript:alert(1)', 'scheme'],
    ['not a url', 'unreadable'],
    ['https://[fe80::1%25eth0]/', 'unreadable'],
    // IP literals off the public internet, in every spelling WHATWG URL accepts.
    ['https://169.254.169.254/latest/meta-data/', 'private-address'],
    ['https://127.0.0.1/a.glb', 'private-address'],
    ['https://127.1/a.glb', 'private-address'],
    ['https://2130706433/a.glb', 'private-address'],
    ['https://0x7f000001/a.glb', 'private-address'],
    ['https://0x7f.1/a.glb', 'private-address'],
    ['https://0177.0.0.1/a.glb', 'private-address'],
    ['https://127.0.0.1./a.glb', 'private-address'],
    ['https://0.0.0.0/a.glb', 'private-address'],
    ['https://0/a.glb', 'private-address'],
    ['https://10.1.2.3/a.glb', 'private-address'],
    ['https://172.16.0.1/a.glb', 'private-address'],
    ['https://172.31.255.255/a.glb', 'private-address'],
    ['https://192.168.1.1/a.glb', 'private-address'],
    ['https://100.64.0.1/a.glb', 'private-address'],
    ['https://224.0.0.1/a.glb', 'private-address'],
    ['https://255.255.255.255/a.glb', 'private-address'],
    ['https://[::1]/a.glb', 'private-address'],
    ['https://[::]/a.glb', 'private-address'],
    ['https://[::ffff:127.0.0.1]/a.glb', 'private-address'],
    ['https://[::ffff:7f00:1]/a.glb', 'private-address'],
    ['https://[::ffff:169.254.169.254]/a.glb', 'private-address'],
    ['https://[0:0:0:0:0:ffff:a00:1]/a.glb', 'private-address'],
    ['https://[::127.0.0.1]/a.glb', 'private-address'],
    ['https://[64:ff9b::a9fe:a9fe]/a.glb', 'private-address'],
    ['https://[2002:7f00:1::]/a.glb', 'private-address'],
    ['https://[fc00::]/a.glb', 'private-address'],
    ['https://[fd12:3456::1]/a.glb', 'private-address'],
    ['https://[fe80::1]/a.glb', 'private-address'],
    ['https://[ff02::1]/a.glb', 'private-address'],
    ['https://[2001:db8::1]/a.glb', 'private-address'],
    ['https://localhost/a.glb', 'private-address'],
    ['https://LOCALHOST./a.glb', 'private-address'],
    ['https://files.localhost/a.glb', 'private-address'],
  ])('%s → %s', (url, expected) => {
    expect(verdict(url)).toBe(expected);
  });

  it('allows the configured endpoint’s own host and port, over http when it is loopback', () => {
    expect(verdict('http://127.0.0.1:8081/files/a.glb', 'http://127.0.0.1:8081')).toBe(true);
    expect(verdict('http://[::1]:8081/a.glb', 'http://[::1]:8081')).toBe(true);
    expect(verdict('http://localhost:8081/a.glb', 'http://localhost:8081/')).toBe(true);
    // Any other port on the same machine is somebody else's service.
    expect(verdict('http://127.0.0.1:9/a.glb', 'http://127.0.0.1:8081')).toBe('private-address');
    expect(verdict('http://localhost:8081/a.glb', 'http://127.0.0.1:8081')).toBe('private-address');
    expect(verdict('http://2130706433:8081/a.glb', 'http://127.0.0.1:8082')).toBe('private-address');
    // A loopback endpoint does not open other hosts to plain http.
    expect(verdict('http://cdn.example.com/a.glb', 'http://127.0.0.1:8081')).toBe('plain-http');
  });

  it('plain http to a LAN host only for the self-hosted server, at its configured host and port', () => {
    expect(verdict('http://192.168.1.20:8081/a.glb', 'http://192.168.1.20:8081', 'local')).toBe(true);
    expect(verdict('http://my-gpu-box:8081/a.glb', 'http://my-gpu-box:8081', 'local')).toBe(true);
    expect(verdict('http://192.168.1.20:22/a.glb', 'http://192.168.1.20:8081', 'local')).toBe('private-address');
    expect(verdict('http://my-gpu-box:9999/a.glb', 'http://my-gpu-box:8081', 'local')).toBe('plain-http');
    expect(verdict('http://my-proxy:8081/a.glb', 'http://my-proxy:8081', 'segmind')).toBe('plain-http');
    expect(verdict('https://my-proxy:8081/a.glb', 'https://my-proxy:8081', 'segmind')).toBe(true);
  });
});

describe('the yes-or-no form WaveSpeed uses for its upload targets', () => {
  it.each([
    ['https://cdn.example.com/a.glb', 'https://api.segmind.com', true],
    ['http://cdn.example.com/a.glb', 'https://api.segmind.com', false],
    ['http://127.0.0.1:8081/a.glb', 'http://127.0.0.1:8081', true],
    // Only the endpoint's own port: another loopback port is another service.
    ['http://127.0.0.1:9/a.glb', 'http://127.0.0.1:8081', false],
    ['http://localhost:9/a.glb', 'http://127.0.0.1:8081', false],
    ['http://my-gpu-box:8081/a.glb', 'http://my-gpu-box:8081', false],
    ['http://127.0.0.1:9/a.glb', 'https://api.wavespeed.ai', false],
    ['https://169.254.169.254/a.glb', 'https://api.wavespeed.ai', false],
    ['file:///etc/passwd', 'http://127.0.0.1:8081', false],
  ])('%s from %s → %s', (url, base, ok) => {
    expect(allowedResultUrl(url, base)).toBe(ok);
  });
});

describe('public addresses', () => {
  it.each([
    ['8.8.8.8', true],
    ['1.1.1.1', true],
    ['2606:4700::1111', true],
    ['::ffff:8.8.8.8', true],
    ['127.0.0.53', false],
    ['169.254.169.254', false],
    ['::ffff:10.0.0.1', false],
    ['fec0::1', false],
    ['2001::1', false],
    ['nonsense', false],
  ])('%s → %s', (ip, expected) => {
    expect(isPublicAddress(ip)).toBe(expected);
  });
});
