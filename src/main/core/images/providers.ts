/** Which providers take pictures inline as base64, so the 8 MB limit counts the larger, encoded size. */
import type { ProviderId } from '../../../shared/providers';

export const inlinesPictures: Readonly<Record<ProviderId, boolean>> = { segmind: true, wavespeed: false, vtrix: true, local: true };
