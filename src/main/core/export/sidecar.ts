/**
 * The provenance file beside an export: what made the model and from what. Built field by field
 * from the job's record — never the record itself, so nothing the provider or the vault holds
 * (remote ids, upload links, keys) can ride along.
 */
import type { JobRecord } from '../library';

export interface SidecarExport {
  format: string;
  units: string;
  upAxis: string;
  triangles: number;
  sourceTriangles: number;
  simplifiedTo: number | null;
  exportedAt: number;
  files: string[];
}

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

export function sidecarJson(job: JobRecord, app: { name: string; version: string }, exp: SidecarExport): string {
  const seed = job.params.seed;
  const body = {
    generator: `${app.name} ${app.version}`,
    job: job.id,
    provider: job.provider,
    model: { id: job.modelId, label: job.modelLabel, remote: job.remoteModel },
    parameters: job.params,
    seed: seed === undefined ? null : seed,
    prompt: job.text,
    dates: { created: iso(job.createdAt), submitted: iso(job.submittedAt), started: iso(job.startedAt), finished: iso(job.finishedAt) },
    inputs: job.inputs.filter((i) => i.role !== 'thumbnail').map((i) => ({ role: i.role, width: i.width, height: i.height, bytes: i.bytes, sha256: i.sha256 })),
    sourceFiles: job.outputs.map((o) => ({ name: o.name, bytes: o.bytes, sha256: o.sha256 })),
    costUsd: job.costUsd,
    export: { ...exp, exportedAt: iso(exp.exportedAt) },
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}
