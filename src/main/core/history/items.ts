/**
 * A stored job as History shows it: the job's summary plus the artist's marks, the dropped names and
 * `asset://` URLs for its files. URLs name a job, an area and a file; never a path on disk.
 */
import { assetUrl } from '../../../shared/asset-url';
import { findModel } from '../../../shared/catalog';
import { isTerminal, type JobSummary } from '../../../shared/jobs';
import type { LibraryDetail, LibraryItem } from '../../../shared/library';
import type { JobCard, JobRecord } from '../library';
import { inputNames } from '../library/search';
import { summarise } from '../engine/summary';


const cut = (text: string, max: number) => (text.length <= max ? text : text.slice(0, max));

/** A running job's summary comes from the engine (live progress); an ended one from its record. */
export function toItem(record: JobCard, missing: boolean, live: (id: string) => JobSummary | undefined, now: number): LibraryItem {
  const summary = (!isTerminal(record.state) ? live(record.id) : undefined) ?? summarise(record, undefined, now, findModel(record.modelId));
  const thumb = record.inputs.find((i) => i.role === 'thumbnail');
  return {
    id: summary.id,
    modelId: summary.modelId,
    modelLabel: summary.modelLabel,
    provider: summary.provider,
    state: summary.state,
    createdAt: summary.createdAt,
    updatedAt: summary.updatedAt,
    finishedAt: summary.finishedAt,
    message: summary.message,
    costUsd: summary.costUsd,
    favourite: record.favourite,
    tags: record.tags,
    note: record.note,
    inputNames: inputNames(record).slice(0, 8).map((n) => cut(n, 260)),
    prompt: record.text === null ? null : cut(record.text, 4000),
    inputThumbnail: thumb && !missing ? assetUrl(record.id, 'inputs', thumb.file) : null,
    resultThumbnail: record.resultThumbnail && !missing ? assetUrl(record.id, 'thumb', 'thumb.webp') : null,
    missing,
  };
}

export function toDetail(record: JobRecord, item: LibraryItem): LibraryDetail {
  const primary = record.primaryOutput;
  const outputs = [...record.outputs].sort((a, b) => Number(b.name === primary) - Number(a.name === primary));
  return {
    item,
    remoteModel: cut(record.remoteModel, 400),
    params: Object.fromEntries(Object.entries(record.params).slice(0, 200).map(([k, v]) => [cut(k, 100), typeof v === 'string' ? cut(v, 4000) : v])),
    inputs: record.inputs
      .filter((i) => i.role !== 'thumbnail')
      .slice(0, 8)
      .map((i) => ({ role: cut(i.role, 40), name: cut(i.originalName ?? i.file, 260), width: i.width, height: i.height, bytes: i.bytes, url: assetUrl(record.id, 'inputs', i.file) })),
    times: { created: record.createdAt, submitted: record.submittedAt, started: record.startedAt, finished: record.finishedAt },
    outputs: outputs.slice(0, 200).map((o) => ({ name: o.name, format: cut(o.format, 10), bytes: o.bytes, url: assetUrl(record.id, 'outputs', o.name) })),
  };
}
