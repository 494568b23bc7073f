/**
 * Is an IP address one on the public internet? Used for result URLs (IP literals) and for the
 * addresses a result host's name resolves to at connect time, so a provider's answer cannot point
 * the app at the machine itself, the local network or a cloud metadata service.
 */
import { isIPv4, isIPv6 } from 'node:net';

type V4 = [number, number, number, number];

/** CIDR blocks that are not public unicast: RFC 6890 special-purpose and friends. */
const privateV4: readonly (readonly [V4, number])[] = [
  [[0, 0, 0, 0], 8], // "this network", 0.0.0.0 (reaches the local host on Linux)
  [[10, 0, 0, 0], 8],
  [[100, 64, 0, 0], 10], // carrier-grade NAT
  [[127, 0, 0, 0], 8],
  [[169, 254, 0, 0], 16], // link-local, cloud metadata (169.254.169.254)
  [[172, 16, 0, 0], 12],
  [[192, 0, 0, 0], 24], // IETF protocol assignments
  [[192, 0, 2, 0], 24], // documentation
  [[192, 88, 99, 0], 24], // 6to4 relay anycast
  [[192, 168, 0, 0], 16],
  [[198, 18, 0, 0], 15], // benchmarking
  [[198, 51, 100, 0], 24],
  [[203, 0, 113, 0], 24],
  [[224, 0, 0, 0], 4], // multicast
  [[240, 0, 0, 0], 4], // reserved, and 255.255.255.255 broadcast
];

function parseV4(text: string): V4 | undefined {
  if (!isIPv4(text)) return undefined;
  const parts = text.split('.').map(Number);
  return [parts[0]!, parts[1]!, parts[2]!, parts[3]!];
}

function v4InBlock(a: V4, [net, bits]: readonly [V4, number]): boolean {
  const toInt = (x: V4): number => ((x[0] << 24) | (x[1] << 16) | (x[2] << 8) | x[3]) >>> 0;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return ((toInt(a) & mask) >>> 0) === ((toInt(net) & mask) >>> 0);
}

function v4IsPublic(a: V4): boolean {
  return !privateV4.some((block) => v4InBlock(a, block));
}

/** Eight 16-bit groups; accepts `::` and a dotted IPv4 tail (`::ffff:127.0.0.1`). */
function parseV6(text: string): number[] | undefined {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (!isIPv6(bare) || bare.includes('%')) return undefined;
  let body = bare.toLowerCase();
  const tail: number[] = [];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(body);
  if (dotted) {
    const v4 = parseV4(dotted[1]!);
    if (!v4) return undefined;
    tail.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
    body = body.slice(0, -dotted[1]!.length);
    if (body.endsWith(':') && !body.endsWith('::')) body = body.slice(0, -1);
  }
  const [head = '', rest] = body.split('::');
  const groups = (s: string): number[] => (s === '' ? [] : s.split(':').map((g) => parseInt(g, 16)));
  const left = groups(head);
  const right = rest === undefined ? [] : groups(rest);
  const fill = 8 - tail.length - left.length - right.length;
  if (fill < 0 || (rest === undefined && fill !== 0)) return undefined;
  return [...left, ...new Array<number>(fill).fill(0), ...right, ...tail];
}

function embeddedV4(hi: number, lo: number): V4 {
  return [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff];
}

function v6IsPublic(g: number[]): boolean {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  // ::ffff:a.b.c.d (mapped), ::a.b.c.d (compatible, deprecated) and 64:ff9b::a.b.c.d (NAT64) reach
  // the IPv4 address inside: judge that one. `::` and `::1` fall in the compatible range and are
  // refused there (0.0.0.0/8).
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0 && (g5 === 0xffff || g5 === 0)) return v4IsPublic(embeddedV4(g6, g7));
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return v4IsPublic(embeddedV4(g6, g7));
  // 6to4 carries an IPv4 address in groups 1–2.
  if (g0 === 0x2002) return v4IsPublic(embeddedV4(g1, g2));
  // Only global unicast (2000::/3) is public; inside it, refuse documentation (2001:db8::/32) and the
  // IETF protocol block 2001::/23 (Teredo tunnels, ORCHID, benchmarking).
  if ((g0 & 0xe000) !== 0x2000) return false; // fc00::/7 ULA, fe80::/10 link-local, ff00::/8 multicast, ::/8 …
  if (g0 === 0x2001 && g1 === 0x0db8) return false;
  if (g0 === 0x2001 && g1 < 0x0200) return false;
  return true;
}

export type IpKind = 'v4' | 'v6';

/** 'v4' or 'v6' when `text` is an IP literal (IPv6 with or without brackets), otherwise undefined. */
export function ipKind(text: string): IpKind | undefined {
  if (parseV4(text)) return 'v4';
  if (parseV6(text)) return 'v6';
  return undefined;
}

/** True only for public unicast addresses. Anything that does not parse is not public. */
export function isPublicAddress(text: string): boolean {
  const v4 = parseV4(text);
  if (v4) return v4IsPublic(v4);
  const v6 = parseV6(text);
  return v6 !== undefined && v6IsPublic(v6);
}

/** 127/8, ::1, or an IPv4-mapped 127/8. */
export function isLoopbackAddress(text: string): boolean {
  const v4 = parseV4(text);
  if (v4) return v4[0] === 127;
  const g = parseV6(text);
  if (!g) return false;
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return true;
  return g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff && g[6]! >> 8 === 127;
}
