/**
 * A file being written: to a `*.part` temp name, hashed as it goes, keeping its first bytes for
 * the format check; `commit` fsyncs and renames it into place, `discard` removes it.
 */
import { createHash, type Hash } from 'node:crypto';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { magicHeadBytes } from './magic';
import { tempPath } from './temp-names';

/** Writes are batched to this size: fewer round trips to the thread pool, bounded memory. */
const batchBytes = 1024 * 1024;

export class TempFile {
  readonly path: string;
  bytes = 0;
  private readonly hash: Hash = createHash('sha256');
  private head = Buffer.alloc(0);
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private closed = false;

  private constructor(
    private readonly handle: FileHandle,
    file: string,
  ) {
    this.path = file;
  }

  static async create(dir: string): Promise<TempFile> {
    const file = tempPath(dir);
    return new TempFile(await open(file, 'wx'), file);
  }

  /** The first bytes written (up to the format check's needs). */
  get firstBytes(): Uint8Array {
    return this.head;
  }

  async write(chunk: Uint8Array): Promise<void> {
    const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.head.length < magicHeadBytes) this.head = Buffer.concat([this.head, buf.subarray(0, magicHeadBytes - this.head.length)]);
    this.bytes += buf.length;
    this.hash.update(buf);
    this.pending.push(buf);
    this.pendingBytes += buf.length;
    if (this.pendingBytes >= batchBytes) await this.flush();
  }

  /**
   * Write bytes already in memory (an inline asset) in slices, yielding between them, so hashing
   * hundreds of MB never holds the main loop.
   */
  async writeAll(bytes: Uint8Array): Promise<void> {
    for (let at = 0; at < bytes.byteLength; at += batchBytes) {
      await this.write(bytes.subarray(at, Math.min(bytes.byteLength, at + batchBytes)));
      await yieldToLoop();
    }
  }

  private async flush(): Promise<void> {
    if (this.pendingBytes === 0) return;
    const data = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    // writev: one round trip to the thread pool for the batch, without copying it into one buffer.
    await this.handle.writev(data);
  }

  /** Everything written and on disk; returns the sha256. The file keeps its temp name. */
  async finish(): Promise<string> {
    await this.flush();
    await this.handle.sync();
    await this.close();
    return this.hash.digest('hex');
  }

  async commit(finalPath: string): Promise<void> {
    await rename(this.path, finalPath);
  }

  async discard(): Promise<void> {
    await this.close().catch(() => undefined);
    await rm(this.path, { force: true });
  }

  private async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.handle.close();
  }
}
