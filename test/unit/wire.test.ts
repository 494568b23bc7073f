import { describe, expect, it } from 'vitest';
import { decodeWire, encodeWire, maxFrameFor, peekRequestId, WireError } from '../../src/shared/wire';
import { largestInputSize } from '../../src/shared/ipc-limits';

const MiB = 1024 * 1024;
const refusal = (frame: string | Uint8Array) => decodeWire(frame).then(() => null, (e: unknown) => (e instanceof WireError ? e.message : `not a WireError: ${String(e)}`));

describe('the harness wire', () => {
  it('round-trips bytes of every length, nested anywhere, and a key named __proto__', async () => {
    const value = { id: 3, list: [new Uint8Array([]), new Uint8Array([1]), new Uint8Array([1, 2]), new Uint8Array([255, 0, 128])], deep: { a: { bytes: new Uint8Array(1000).map((_, i) => i) } } };
    expect(await decodeWire(encodeWire(value))).toEqual(value);
    const proto = (await decodeWire('{"__proto__":{"__bytes_b64":"AQI="}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(proto, '__proto__')?.value).toEqual(new Uint8Array([1, 2]));
    // A marker written with spaces is not cut out early, but still decoded.
    expect(await decodeWire('{ "__bytes_b64" : "AQI=" }')).toEqual(new Uint8Array([1, 2]));
  });

  it('decodes a frame as big as jobs:submit allows in pieces, pausing between them', async () => {
    const picture = new Uint8Array(40 * MiB);
    for (let i = 0; i < picture.length; i++) picture[i] = (i * 2654435761) >>> 24;
    const frame = Buffer.from(encodeWire({ id: 1, input: [picture, picture] }, { base64: (b) => Buffer.from(b).toString('base64') }));
    expect(frame.length).toBeLessThan(maxFrameFor(largestInputSize));
    let pauses = 0;
    let longest = 0;
    let last = performance.now();
    const decoded = (await decodeWire(frame, {
      pause: () => new Promise<void>((resolve) => setImmediate(() => {
        const now = performance.now();
        longest = Math.max(longest, now - last);
        last = now;
        pauses++;
        resolve();
      })),
    })) as { input: Uint8Array[] };
    expect(Buffer.compare(decoded.input[1] ?? new Uint8Array(), picture)).toBe(0);
    expect(pauses).toBeGreaterThan(50);
    // Measured ~10 ms a piece; 150 leaves room for a machine shared with other work.
    expect(longest).toBeLessThan(150);
  }, 60_000);

  it.each([
    ['bad JSON', '{"id":1,', 'The message is not valid JSON.'],
    ['a bad character in base64', '{"id":1,"input":{"__bytes_b64":"AA*A"}}', 'A file in the message is not valid base64 (it holds characters base64 does not use).'],
    ['base64 of a wrong length', '{"id":1,"input":{"__bytes_b64":"AAA"}}', 'A file in the message is not valid base64 (its length is not a multiple of 4).'],
    ['a padding character in the middle', '{"id":1,"input":{"__bytes_b64":"AA==AAAA"}}', 'A file in the message is not valid base64 (it holds characters base64 does not use).'],
    ['a reference to a file it does not carry', '{"id":1,"input":{"__bytes_b64":7}}', 'The message refers to a file it does not carry.'],
    ['deep nesting', `${'['.repeat(MiB / 2)}${']'.repeat(MiB / 2)}`, 'The message is nested too deeply (more than 64 levels).'],
    ['too much JSON besides files', `{"id":1,"input":"${'a'.repeat(2 * MiB)}"}`, 'The message holds too much besides its files (more than 1024 KB of JSON).'],
    ['a frame of nothing but braces', '{'.repeat(8 * MiB), 'The message holds too much besides its files (more than 1024 KB of JSON).'],
    ['too many files', `[${Array.from({ length: 17 }, () => '{"__bytes_b64":"AA=="}').join(',')}]`, 'The message carries too many files (more than 16).'],
  ])('refuses %s with a sentence', async (_label, frame, message) => {
    const started = performance.now();
    expect(await refusal(frame)).toBe(message);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('refuses bytes that are not UTF-8', async () => {
    expect(await refusal(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]))).toBe('The message is not valid UTF-8 text.');
  });

  it('reads the id of a request frame it cannot decode, and no other', () => {
    expect(peekRequestId('{"id":12,"channel":"x","input":{"__bytes_b64":"**"}}')).toBe(12);
    expect(peekRequestId(new TextEncoder().encode('{"id":5}'))).toBe(5);
    expect(peekRequestId('garbage')).toBeNull();
    expect(peekRequestId('{"channel":"x","id":3}')).toBeNull();
  });
});
