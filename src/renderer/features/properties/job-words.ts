import { findModel, type ParamSpec } from '../../../shared/catalog';

type Value = string | number | boolean;

/** Each stored parameter under its display name, in the catalog's order; unknown keys after, as stored. */
export function paramRows(modelId: string, params: Readonly<Record<string, Value>>): { key: string; label: string; value: string; seed: boolean }[] {
  const specs = findModel(modelId)?.params ?? [];
  const rows = specs.filter((p) => params[p.key] !== undefined).map((p) => ({ key: p.key, label: p.label, value: valueWords(p, params[p.key] as Value), seed: p.type === 'seed' }));
  for (const [key, value] of Object.entries(params)) {
    if (!specs.some((p) => p.key === key)) rows.push({ key, label: key, value: String(value), seed: /seed/i.test(key) });
  }
  return rows;
}

function valueWords(p: ParamSpec, value: Value): string {
  if (typeof value === 'boolean') return value ? 'On' : 'Off';
  if (p.type === 'enum') return p.valueLabels?.[String(value)] ?? String(value);
  if (p.type === 'seed' && p.random !== undefined && value === p.random) return 'Random';
  return typeof value === 'number' ? value.toLocaleString('en-US', { maximumFractionDigits: 6 }).replace(/,/g, p.type === 'seed' ? '' : ',') : value;
}
