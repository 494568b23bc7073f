/** Images as the providers want them inline: base64, data URLs, a file name's extension. */

export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

export function dataUrl(image: { bytes: Uint8Array; mime: string }): string {
  return `data:${image.mime};base64,${toBase64(image.bytes)}`;
}

export function extensionFor(mime: string): string {
  return mime === 'image/jpeg' ? 'jpg' : mime === 'image/webp' ? 'webp' : 'png';
}
