/** A byte count as a person reads it in a refusal ("12 MB", "3 KB"): the download and the unzip say sizes alike. */
export function sizeText(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round(n / (1024 * 1024))} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}
