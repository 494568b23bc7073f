/** The image step: validate and normalise pictures before any provider sees them. */
export { normaliseImage, type NormaliseOptions, type NormalisedImage } from './normalise';
export { defaultLimits, sentSize, type ImageLimits } from './limits';
export { sniffImage, type ImageFormat } from '../../../shared/image-sniff';
export { inlinesPictures } from './providers';
