/**
 * The installer configuration, checked against electron-builder's own schema (the one it validates
 * with before building) and against what the app needs at run time. Installers themselves need the
 * Electron download, so this is what can be checked everywhere.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const read = (file: string): unknown => JSON.parse(readFileSync(path.join(root, file), 'utf8'));
interface PlatformConfig {
  target: string[];
  icon: string;
  category?: string;
}
interface BuilderConfig {
  productName: string;
  files: string[];
  asarUnpack: string[];
  win: PlatformConfig;
  mac: PlatformConfig;
  linux: PlatformConfig;
}
const config = read('electron-builder.json') as BuilderConfig;
// electron-builder's schema has keywords of its own (e.g. "tsType"), hence strict: false.
const check = new Ajv({ strict: false, allErrors: true, allowUnionTypes: true }).compile(read('node_modules/app-builder-lib/scheme.json') as object);

function validate(candidate: unknown): string[] {
  return check(candidate) ? [] : (check.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

describe('electron-builder.json', () => {
  it('is valid by electron-builder’s own schema', () => {
    expect(validate(config)).toEqual([]);
  });

  it('would be refused if it were wrong (the schema check is real)', () => {
    expect(validate({ ...config, linux: { ...config.linux, categroy: 'Graphics' } })).not.toEqual([]);
    expect(validate({ ...config, asarUnpack: 42 })).not.toEqual([]);
  });

  it('is the one build configuration, used by npm run dist', () => {
    const pkg = read('package.json') as { productName: string; build?: unknown; scripts: Record<string, string> };
    expect(pkg.build).toBeUndefined();
    expect(pkg.scripts.dist).toBe('electron-vite build && electron-builder --config electron-builder.json');
    expect(config.productName).toBe(pkg.productName);
    expect(existsSync(path.join(root, 'electron-builder.yml'))).toBe(false);
  });

  it('builds NSIS for Windows, a dmg for macOS, AppImage and deb (Graphics) for Linux', () => {
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.linux.category).toBe('Graphics');
  });

  it('ships the build and resources, and keeps native modules outside the asar', () => {
    expect(config.files).toEqual(expect.arrayContaining(['out/**/*', 'resources/**/*']));
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['node_modules/keytar/**', 'node_modules/sharp/**']));
  });

  it('points every platform at an icon that exists and is large enough (1024 px square)', async () => {
    for (const platform of ['win', 'mac', 'linux']) {
      const icon = path.join(root, config[platform as 'win' | 'mac' | 'linux'].icon);
      const { width, height, format } = await sharp(icon).metadata();
      expect({ platform, width, height, format }).toEqual({ platform, width: 1024, height: 1024, format: 'png' });
    }
  });
});
