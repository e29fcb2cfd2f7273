import { usage } from '../../core/errors.js';
import type { DatasetSettings } from '../../core/settings.js';
import { analyze, type EntityType } from '../../text/pii/index.js';

/**
 * The PII gate. A release is refused while a record it would hold has an unresolved PII finding —
 * a failed `pii` check, or personal information found in the serialized row itself (which catches
 * records never checked and corrections that brought PII in) — unless the person releasing waives
 * that finding by id with a reason. Finding ids are `EXTERNAL_ID:TYPE` (e.g. `conv-12:EMAIL`).
 * A finding is resolved by correcting the record and running `tandem check` again.
 */

export function piiFindingIds(externalId: string, types: unknown): string[] {
  const list = Array.isArray(types) ? types.filter((t): t is string => typeof t === 'string') : [];
  return (list.length ? list : ['PII']).map((t) => `${externalId}:${t}`);
}

export interface Waiver {
  finding: string;
  reason: string;
}

/** `--waive FINDING_ID=reason`, repeatable. */
export function parseWaivers(items: string[]): Waiver[] {
  const out: Waiver[] = [];
  for (const item of items) {
    const eq = item.indexOf('=');
    const finding = eq > 0 ? item.slice(0, eq).trim() : '';
    const reason = eq > 0 ? item.slice(eq + 1).trim() : '';
    if (!finding || !reason)
      throw usage(`--waive: '${item}' is not FINDING_ID=REASON (a reason is required)`);
    out.push({ finding, reason });
  }
  return out;
}

const MAX_LISTED = 10;

/** Throws unless every finding is waived; a waiver naming no finding is a mistake too. */
export function enforceGate(findings: Iterable<string>, waivers: Waiver[], where: string): void {
  const waived = new Set(waivers.map((w) => w.finding));
  const open = [...findings].filter((f) => !waived.has(f)).sort();
  if (open.length > 0)
    throw usage(
      `PII gate (${where}): ${open.length} unresolved finding(s): ${open.slice(0, MAX_LISTED).join(', ')}` +
        `${open.length > MAX_LISTED ? ', …' : ''}. Correct the records and run 'tandem check' again, or waive each with --waive FINDING_ID=REASON`,
    );
}

export function unknownWaivers(findings: Set<string>, waivers: Waiver[]): void {
  const unknown = waivers.filter((w) => !findings.has(w.finding)).map((w) => w.finding);
  if (unknown.length > 0)
    throw usage(`--waive: no PII finding ${unknown.map((u) => `'${u}'`).join(', ')} in this release`);
}

const MEMO_MAX_LENGTH = 64;
const MEMO_MAX_ENTRIES = 50_000;

/** A scanner for serialized rows, with the dataset's PII check settings. */
export function outputScanner(
  settings: DatasetSettings,
): (externalId: string, row: Record<string, unknown>) => string[] {
  const pii = (settings as { checks?: { pii?: { min_score?: number; types?: string[]; enabled?: boolean } } })
    .checks?.pii;
  if (pii?.enabled === false) return () => [];
  const options = {
    ...(pii?.min_score !== undefined ? { minScore: pii.min_score } : {}),
    ...(pii?.types ? { entities: pii.types as EntityType[] } : {}),
  };
  // Short strings repeat across records (chat roles, labels, canned answers): each is analysed
  // once. Long ones are rarely equal and would only fill the memo.
  const memo = new Map<string, readonly string[]>();
  const typesIn = (text: string): readonly string[] => {
    if (text.length > MEMO_MAX_LENGTH) return analyze(text, options).map((e) => e.type);
    let found = memo.get(text);
    if (found === undefined) {
      found = analyze(text, options).map((e) => e.type);
      if (memo.size >= MEMO_MAX_ENTRIES) memo.clear();
      memo.set(text, found);
    }
    return found;
  };
  return (externalId, row) => {
    const types = new Set<string>();
    const visit = (v: unknown): void => {
      if (typeof v === 'string') {
        for (const t of typesIn(v)) types.add(t);
      } else if (Array.isArray(v)) v.forEach(visit);
      else if (v && typeof v === 'object') for (const x of Object.values(v)) visit(x);
    };
    // What a trainer reads: the (corrected) fields and the final values.
    visit(row.fields);
    for (const fv of Object.values((row.final_values ?? {}) as Record<string, { value?: unknown }>))
      visit(fv?.value);
    return types.size ? piiFindingIds(externalId, [...types].sort()) : [];
  };
}
