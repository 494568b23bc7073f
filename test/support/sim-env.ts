/** Points every provider of a harness or core at the simulator (one loopback port speaks them all). */
export function simEnv(simUrl: string): Record<string, string> {
  const url = simUrl.replace(/\/$/, '');
  return { HY3D_ENDPOINT_SEGMIND: url, HY3D_ENDPOINT_WAVESPEED: url, HY3D_ENDPOINT_VTRIX: url, HY3D_ENDPOINT_LOCAL: url };
}
