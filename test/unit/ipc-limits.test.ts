import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { channelNames, channels, type ChannelName } from '../../src/shared/ipc';
import { channelLimits, checkInputShape, defaultInputLimits, limitsFor } from '../../src/shared/ipc-limits';
import { maxPictureBytes } from '../../src/shared/jobs';

const MiB = 1024 * 1024;

/** Every path at which a channel's input schema takes a Uint8Array (`*` for a record's keys). */
function bytesSlots(schema: z.ZodType, path: string[] = []): string[] {
  const def = (schema as unknown as { def: Record<string, unknown> & { type: string } }).def;
  switch (def.type) {
    case 'custom':
      return schema.safeParse(new Uint8Array(1)).success ? [path.join('.')] : [];
    case 'object':
      return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([key, s]) => bytesSlots(s, [...path, key]));
    case 'record':
      return bytesSlots(def.valueType as z.ZodType, [...path, '*']);
    case 'array':
      return bytesSlots(def.element as z.ZodType, [...path, '*']);
    case 'union':
      return (def.options as z.ZodType[]).flatMap((s) => bytesSlots(s, path));
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
      return bytesSlots(def.innerType as z.ZodType, path);
    case 'pipe':
      return bytesSlots(def.in as z.ZodType, path);
    default:
      return [];
  }
}

const picture = (size: number) => ({ name: 'p.png', bytes: new Uint8Array(size) });
const submit = (inputs: unknown, params: unknown = {}) => ({ modelId: 'segmind/hunyuan-3d-2', params, inputs });

describe('the limits table', () => {
  it('has an entry for every channel in the contract', () => {
    expect(Object.keys(channelLimits).sort()).toEqual([...channelNames].sort());
  });

  it.each(channelNames)('%s allows bytes exactly where its schema takes them', (name: ChannelName) => {
    const slots = [...new Set(bytesSlots(channels[name].input))].sort();
    expect([...limitsFor(name).bytesAt].sort()).toEqual(slots);
    if (slots.length === 0) expect(limitsFor(name).maxBytesCount).toBe(0);
  });

  it('lets jobs:submit carry four pictures of the largest size', () => {
    const views = { front: picture(maxPictureBytes), back: picture(maxPictureBytes), left: picture(maxPictureBytes), right: picture(maxPictureBytes) };
    expect(checkInputShape('jobs:submit', submit({ kind: 'views', views }))).toBeNull();
    expect(checkInputShape('jobs:submit', submit({ kind: 'image', image: picture(maxPictureBytes) }))).toBeNull();
  });
});

describe('checkInputShape', () => {
  it('passes ordinary inputs of every size the schemas allow', () => {
    expect(checkInputShape('settings:get', undefined)).toBeNull();
    expect(checkInputShape('settings:set', { endpoints: { segmind: `https://x.example/${'a'.repeat(2000)}` }, layout: { leftWidth: 300, rightWidth: 280, bottomHeight: 220 } })).toBeNull();
    expect(checkInputShape('keys:set', { provider: 'segmind', key: 'k'.repeat(1024) })).toBeNull();
    expect(checkInputShape('jobs:submit', submit({ kind: 'text', text: 't'.repeat(4000) }, { seed: 1, texture: true, prompt: 'p'.repeat(4000) }))).toBeNull();
  });

  it('refuses a 64 MiB typed array on a channel that takes no bytes, at once', () => {
    for (const value of [new Uint8Array(64 * MiB), new Float64Array(8 * MiB), new ArrayBuffer(64 * MiB), new DataView(new ArrayBuffer(16))]) {
      const started = performance.now();
      expect(checkInputShape('settings:set', value)).toBe('This request does not take file bytes here.');
      expect(checkInputShape('settings:set', { layout: value })).toBe('This request does not take file bytes here (at layout).');
      expect(performance.now() - started).toBeLessThan(50);
    }
  });

  it('refuses bytes in jobs:submit anywhere but a picture slot', () => {
    expect(checkInputShape('jobs:submit', submit({ kind: 'image', image: picture(10) }, { seed: new Uint8Array(64 * MiB) }))).toBe(
      'This request does not take file bytes here (at params.seed).',
    );
    expect(checkInputShape('jobs:submit', submit({ kind: 'image', image: { name: new Uint8Array(4), bytes: new Uint8Array(4) } }))).toMatch(/at inputs\.image\.name/);
    expect(checkInputShape('jobs:submit', submit({ kind: 'image', image: picture(4), extra: picture(4) }))).toMatch(/at inputs\.extra\.bytes/);
  });

  it('refuses a picture over maxPictureBytes, and a fifth picture', () => {
    expect(checkInputShape('jobs:submit', submit({ kind: 'image', image: picture(maxPictureBytes + 1) }))).toBe(
      'A file is larger than 40 MB, the most this request takes (at inputs.image.bytes).',
    );
    const views = Object.fromEntries(['front', 'back', 'left', 'right', 'top'].map((v) => [v, picture(10)]));
    expect(checkInputShape('jobs:submit', submit({ kind: 'views', views }))).toBe('Too many files in one request: at most 4.');
  });

  it('refuses input nested deeper than the limit', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    expect(checkInputShape('settings:set', deep)).toBe(`The request is nested too deeply: at most ${defaultInputLimits.maxDepth} levels.`);
    let list: unknown = [];
    for (let i = 0; i < defaultInputLimits.maxDepth; i++) list = [list];
    expect(checkInputShape('settings:set', list)).toMatch(/nested too deeply/);
  });

  it('refuses too many parts, long lists, long strings, long keys and too much in total', () => {
    const many = Object.fromEntries(Array.from({ length: 200_000 }, (_, i) => [`k${i}`, 1]));
    const started = performance.now();
    expect(checkInputShape('settings:set', many)).toBe(`The request has too many parts: at most ${defaultInputLimits.maxEntries}.`);
    expect(performance.now() - started).toBeLessThan(200);
    expect(checkInputShape('settings:set', { a: new Array(10_000_000) })).toBe('A list is too long: 10000000 items, at most 1000 (at a).');
    expect(checkInputShape('keys:set', { provider: 'segmind', key: 'k'.repeat(20 * MiB) })).toBe(
      `A text value is too long: ${20 * MiB} characters, at most ${defaultInputLimits.maxStringLength} (at key).`,
    );
    expect(checkInputShape('settings:set', { ['x'.repeat(MiB)]: 1 })).toBe(`A field name is too long: ${MiB} characters, at most ${defaultInputLimits.maxKeyLength}.`);
    const wide = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, 'v'.repeat(10_000)]));
    expect(checkInputShape('settings:set', wide)).toBe('The request is too large: at most 0.3 MB.');
  });

  it('refuses values that are not plain data', () => {
    for (const value of [new Map([['a', 1]]), new Set([1]), new Date(0), /x/, () => 1, Symbol('s'), 10n, new (class Thing {})()]) {
      expect(checkInputShape('settings:set', { layout: value })).toBe('The request holds something that is not plain data (at layout).');
    }
    expect(checkInputShape('settings:set', Object.create(null))).toBeNull();
  });

  it('keeps every sentence short, whatever the keys were', () => {
    const key = 'y'.repeat(defaultInputLimits.maxKeyLength);
    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let i = 0; i < defaultInputLimits.maxDepth - 1; i++) deep = (deep[key] = {}) as Record<string, unknown>;
    deep[key] = new Uint8Array(1);
    const message = checkInputShape('settings:set', root) ?? '';
    expect(message).toMatch(/^This request does not take file bytes here/);
    expect(message.length).toBeLessThan(300);
  });
});
