/**
 * job.json and the other small text files go through the writer thread: whole or not at all, no temp
 * file left behind, the file system's own error (its code) when it refuses, and a process that
 * has written and has nothing left to do still ends.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../src/main/core/library/files';
import { stopTextWriter } from '../../../src/main/core/library/text-writer';

const tempDir = () => mkdtempSync(path.join(os.tmpdir(), 'hy3d-writer-'));

describe('writing small text files', () => {
  it('replaces a file whole, many at once, and leaves only the files', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'job-0.json'), 'old');
    const texts = Array.from({ length: 40 }, (_, i) => JSON.stringify({ i, pad: 'é'.repeat(i * 100) }));
    await Promise.all(texts.map((t, i) => writeFileAtomic(path.join(dir, `job-${i}.json`), t)));
    texts.forEach((t, i) => expect(readFileSync(path.join(dir, `job-${i}.json`), 'utf8')).toBe(t));
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('fails with the file system’s code and leaves nothing half-written', async () => {
    const dir = tempDir();
    // The target is a folder: the temp file is written, then the rename is refused.
    mkdirSync(path.join(dir, 'job.json'));
    await expect(writeFileAtomic(path.join(dir, 'job.json'), '{"a":1}')).rejects.toMatchObject({ code: 'EISDIR' });
    expect(readdirSync(dir)).toEqual(['job.json']);
    // A folder that is not there.
    await expect(writeFileAtomic(path.join(dir, 'gone', 'job.json'), '{}')).rejects.toMatchObject({ code: 'ENOENT' });
    // The writer goes on after a failure.
    await writeFileAtomic(path.join(dir, 'next.json'), 'next');
    expect(readFileSync(path.join(dir, 'next.json'), 'utf8')).toBe('next');
  });

  it('still writes every file when the writer thread stops with writes waiting', async () => {
    const dir = tempDir();
    const writes = Array.from({ length: 30 }, (_, i) => writeFileAtomic(path.join(dir, `job-${i}.json`), `{"i":${i}}`));
    await stopTextWriter();
    await Promise.all(writes);
    for (let i = 0; i < 30; i++) expect(readFileSync(path.join(dir, `job-${i}.json`), 'utf8')).toBe(`{"i":${i}}`);
    // And the next write starts a new thread.
    await writeFileAtomic(path.join(dir, 'after.json'), 'after');
    expect(readFileSync(path.join(dir, 'after.json'), 'utf8')).toBe('after');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('does not keep a finished process alive', () => {
    const dir = tempDir();
    const script = `import { writeFileAtomic } from ${JSON.stringify(path.resolve('src/main/core/library/files.ts'))};
      await writeFileAtomic(${JSON.stringify(path.join(dir, 'a.json'))}, 'written');`;
    const started = Date.now();
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { timeout: 20_000, encoding: 'utf8' });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    expect(readFileSync(path.join(dir, 'a.json'), 'utf8')).toBe('written');
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
