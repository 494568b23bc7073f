/**
 * `PRAGMA integrity_check` reads every page of library.db: ~100 ms at 10 000 jobs, too long for the
 * main thread (node:sqlite is synchronous). Opening runs it in a worker thread on its own connection.
 */
import { Worker } from 'node:worker_threads';

// Plain CommonJS so it runs the same from the bundle, the harness and the tests (no file to find).
const checker = `
const { parentPort, workerData } = require('node:worker_threads');
const { DatabaseSync } = require('node:sqlite');
let answer;
try {
  const db = new DatabaseSync(workerData.file, { readOnly: true });
  try {
    answer = db.prepare('PRAGMA integrity_check').all().map((r) => r.integrity_check).join('\\n');
  } finally {
    db.close();
  }
} catch (error) {
  answer = 'unreadable: ' + String(error && error.message ? error.message : error);
}
parentPort.postMessage(answer);
`;

/** `ok` when the database is sound; SQLite's findings (or why it could not be read) otherwise. */
export function checkIntegrity(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(checker, { eval: true, workerData: { file } });
    worker.once('message', (answer: string) => resolve(answer));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`library: the integrity check stopped (exit ${code})`));
    });
  });
}
