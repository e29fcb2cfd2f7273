import { usage } from '../../core/errors.js';
import { own } from '../../core/own.js';
import type { DatasetSettings } from '../../core/settings.js';
import type { AuditRow } from '../../store/audit-reads.js';

/**
 * The dimensions an audit groups records by: built-in ones read from every record (its language,
 * the language the language check detected, where it came from, its review status), and the
 * dataset's own: sampler values in a synthetic record's provenance, then metadata.
 */

export const BUILTIN_DIMENSIONS = ['language', 'detected_language', 'origin', 'status'] as const;
export type BuiltinDimension = (typeof BUILTIN_DIMENSIONS)[number];

export type Dimension =
  | { name: BuiltinDimension; source: 'builtin' }
  | { name: string; source: 'sampler' | 'metadata' };

export const MISSING = '(missing)';
export const OTHER = '(other)';
/** Values beyond this many per dimension are counted as `(other)`: a free-text column is no group. */
export const MAX_VALUES = 200;
const MAX_VALUE_LENGTH = 80;

/** A value as a group name: strings as they are (bounded), numbers and booleans as text, lists joined. */
export function groupValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return MISSING;
  if (typeof v === 'string') return v.length > MAX_VALUE_LENGTH ? v.slice(0, MAX_VALUE_LENGTH) : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.length === 0 ? MISSING : groupValue(v.map((x) => String(x)).join(','));
  return OTHER;
}

/** The language the language check found: the expected one when it passed, the detected one when not. */
export function detectedLanguage(row: AuditRow): string {
  const check = row.checks.find((c) => c.check === 'language');
  if (!check) return row.language ?? MISSING;
  const details = (check.details ?? {}) as { expected?: unknown; problems?: { detected?: unknown }[] };
  if (!check.passed) {
    const found = details.problems?.find((p) => typeof p.detected === 'string')?.detected;
    if (typeof found === 'string') return found;
  }
  if (row.language) return row.language;
  const expected = Array.isArray(details.expected) ? details.expected : [];
  return expected.length === 1 && typeof expected[0] === 'string' ? expected[0] : MISSING;
}

/** A synthetic record's `origin` is 'synthetic'; imported and hand-written records are 'human'. */
export const originOf = (row: AuditRow): 'synthetic' | 'human' =>
  row.provenance.origin === 'synthetic' ? 'synthetic' : 'human';

export function dimensionValue(row: AuditRow, d: Dimension): string {
  switch (d.source) {
    case 'builtin':
      switch (d.name) {
        case 'language':
          return row.language ?? detectedLanguage(row);
        case 'detected_language':
          return detectedLanguage(row);
        case 'origin':
          return originOf(row);
        case 'status':
          return row.status;
      }
      return MISSING;
    case 'sampler': {
      const p = row.provenance;
      const v = p.origin === 'synthetic' ? p.samplerValues[d.name] : undefined;
      return groupValue(v ?? own(row.metadata, d.name));
    }
    case 'metadata':
      return groupValue(own(row.metadata, d.name));
  }
}

/** The dataset's own dimensions: sampler columns and metadata keys seen in `rows`, and metadata settings. */
export function availableDimensions(settings: DatasetSettings, rows: readonly AuditRow[]): Dimension[] {
  const samplers = new Set<string>();
  const metadata = new Set<string>(settings.metadata.map((m) => m.name));
  for (const r of rows) {
    if (r.provenance.origin === 'synthetic')
      for (const k of Object.keys(r.provenance.samplerValues)) samplers.add(k);
    for (const k of Object.keys(r.metadata)) metadata.add(k);
  }
  const builtin = new Set<string>(BUILTIN_DIMENSIONS);
  return [
    ...BUILTIN_DIMENSIONS.map((name) => ({ name, source: 'builtin' as const })),
    ...[...samplers].filter((n) => !builtin.has(n)).map((name) => ({ name, source: 'sampler' as const })),
    ...[...metadata]
      .filter((n) => !builtin.has(n) && !samplers.has(n))
      .map((name) => ({ name, source: 'metadata' as const })),
  ];
}

/**
 * The dimensions asked for, by name; an unknown name is a usage error naming what is known. Without
 * names: language and origin, and the sampler columns (at most four).
 */
export function resolveDimensions(
  requested: readonly string[] | undefined,
  known: readonly Dimension[],
): Dimension[] {
  if (!requested?.length) {
    const own = known.filter((d) => d.source === 'sampler').slice(0, 4);
    return [...known.filter((d) => d.name === 'language' || d.name === 'origin'), ...own];
  }
  const byName = new Map(known.map((d) => [d.name, d]));
  const out: Dimension[] = [];
  for (const name of requested) {
    const d = byName.get(name);
    if (!d)
      throw usage(
        `unknown dimension '${name}': this dataset has ${known.map((k) => k.name).join(', ')} (sampler values, metadata and the built-in ones)`,
      );
    if (!out.includes(d)) out.push(d);
  }
  return out;
}

/** The strings of a record's fields: text fields and chat turns' content. */
export function textsOf(fields: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const v of Object.values(fields)) {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v))
      for (const m of v) {
        const c = (m as { content?: unknown } | null)?.content;
        if (typeof c === 'string') out.push(c);
      }
  }
  return out;
}
