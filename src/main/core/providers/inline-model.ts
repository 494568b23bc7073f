/**
 * A model sent inside JSON as base64 (a self-hosted server's `/status` answer: `{"status":
 * "completed","model_base64":"…"}`, up to hundreds of MB). JSON.parse of such a text would hold
 * the event loop for seconds, so the base64 value is cut out of the bytes as they are, the small
 * rest is parsed as usual, and the model is decoded a slice at a time with a pause between slices.
 */
import type { ProviderId } from '../../../shared/providers';
import { providerName } from './errors';
import { malformed, readJson, type HttpAnswer } from './http';

/** 4 MiB of base64 (a multiple of 4) decodes in a few ms; the loop breathes between slices. */
const sliceChars = 4 * 1024 * 1024;
const quote = 0x22;
const backslash = 0x5c;

const pause = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Where the string value of `"field"` starts and ends (the quotes excluded), or undefined. */
function valueSpan(bytes: Buffer, field: string): { start: number; end: number } | undefined {
  const at = bytes.indexOf(`"${field}"`);
  if (at < 0) return undefined;
  let i = at + field.length + 2;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  if (bytes[i] !== 0x3a) return undefined; // ':'
  i++;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  if (bytes[i] !== quote) return undefined;
  const end = bytes.indexOf(quote, i + 1);
  return end < 0 ? undefined : { start: i + 1, end };
}

async function decodeInSlices(text: Buffer): Promise<Uint8Array> {
  const parts: Buffer[] = [];
  let total = 0;
  for (let at = 0; at < text.length; at += sliceChars) {
    const part = Buffer.from(text.subarray(at, at + sliceChars).toString('latin1'), 'base64');
    parts.push(part);
    total += part.length;
    if (at + sliceChars < text.length) await pause();
  }
  return new Uint8Array(Buffer.concat(parts, total));
}

/**
 * The answer's JSON without `field`, and `field`'s bytes when it held a base64 string. Base64 has
 * no characters JSON must escape except `/`, which some servers write as `\/`: those backslashes are
 * dropped; any other escape means the value is not base64, and the answer is malformed.
 */
export async function readInlineModel(provider: ProviderId, answer: HttpAnswer, field: string): Promise<{ rest: unknown; bytes?: Uint8Array }> {
  const all = Buffer.from(answer.bytes.buffer, answer.bytes.byteOffset, answer.bytes.byteLength);
  const span = valueSpan(all, field);
  if (!span) return { rest: readJson(provider, answer) };
  const rest = Buffer.concat([all.subarray(0, span.start), all.subarray(span.end)]);
  const parsed = readJson(provider, { ...answer, bytes: new Uint8Array(rest.buffer, rest.byteOffset, rest.byteLength) });
  let text = all.subarray(span.start, span.end);
  if (text.includes(backslash)) {
    const unescaped = Buffer.from(text.toString('latin1').replace(/\\\//g, '/'), 'latin1');
    if (unescaped.includes(backslash)) return malformed(provider, `${providerName(provider)} sent a model that is not base64; it was not used.`);
    text = unescaped;
  }
  if (!/^[A-Za-z0-9+/=\s]*$/.test(text.subarray(0, 4096).toString('latin1'))) return malformed(provider, `${providerName(provider)} sent a model that is not base64; it was not used.`);
  return { rest: parsed, bytes: await decodeInSlices(text) };
}
