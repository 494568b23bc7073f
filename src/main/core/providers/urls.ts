/** URLs in provider answers: what they are, what format their file name declares, how we build ours. */
import { extensionOf, outputFormatByExtension, type OutputFormat } from '../../../shared/model-formats';

export function isHttpUrl(v: unknown): v is string {
  return typeof v === 'string' && /^https?:\/\/\S+$/i.test(v);
}

/** The extension of a URL's file name, lower-case; '' when the name has none (or the URL is not one). */
export function urlExtension(url: string): string {
  try {
    return extensionOf(new URL(url).pathname);
  } catch {
    return '';
  }
}

/** The format a result URL's file name declares, if any (a `.zip` is an OBJ archive). */
export function formatFromUrl(url: string): OutputFormat | undefined {
  return outputFormatByExtension[urlExtension(url)];
}

export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
