/** Provider ids as they appear in settings, the keychain and HY3D_ENDPOINT_<ID>. */
export const providerIds = ['segmind', 'wavespeed', 'vtrix', 'local'] as const;
export type ProviderId = (typeof providerIds)[number];
