/**
 * Extra trusted certificates. A trusted certificate can read provider traffic (keys included), so
 * only main adds one, from a file the artist picked in a native dialog; the page can only remove.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { StudioError } from '../../../shared/errors';
import { maxTrustedCertificates, trustedCertificateSchema, type Settings, type TrustedCertificate } from '../../../shared/settings';
import { readPemCertificates } from '../net/network';
import type { DesktopShell } from '../shell';

const maxPemFileBytes = 64 * 1024;

export async function pickCertificate(shell: DesktopShell | undefined, current: Settings): Promise<{ added: TrustedCertificate | null; message: string }> {
  if (!shell?.chooseFile) {
    throw new StudioError('unavailable', 'Choosing a certificate needs the desktop app. Here, set NODE_EXTRA_CA_CERTS to the PEM file before starting.');
  }
  if (current.trustedCertificates.length >= maxTrustedCertificates) {
    return { added: null, message: `Studio keeps at most ${maxTrustedCertificates} extra certificates; remove one first.` };
  }
  const file = await shell.chooseFile('Trust a certificate', [{ name: 'Certificates (PEM)', extensions: ['pem', 'crt', 'cer'] }]);
  if (!file) return { added: null, message: 'No certificate was added.' };
  const info = await stat(file);
  if (!info.isFile() || info.size > maxPemFileBytes) return { added: null, message: 'That file is not a certificate file (PEM files are small text files).' };
  const read = readPemCertificates(await readFile(file, 'utf8'));
  if (!read.ok) return { added: null, message: read.problem };
  const name = path.basename(file).slice(0, 200);
  if (current.trustedCertificates.some((c) => c.name === name)) return { added: null, message: `A certificate named ${name} is already trusted; remove it first to replace it.` };
  const added = trustedCertificateSchema.parse({ name, pem: read.pems.join('\n') });
  const count = read.pems.length;
  return { added, message: `Studio now trusts ${count === 1 ? `the certificate of ${read.subjects[0] ?? name}` : `${count} certificates from ${name}`}, besides the usual ones.` };
}

export function withoutCertificate(current: Settings, name: string): TrustedCertificate[] {
  if (!current.trustedCertificates.some((c) => c.name === name)) throw new StudioError('not-found', 'That certificate is not in the list any more.');
  return current.trustedCertificates.filter((c) => c.name !== name);
}
