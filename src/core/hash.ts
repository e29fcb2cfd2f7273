import * as crypto from 'node:crypto';

/**
 * SHA-256 as hex. `crypto.hash` (Node 20.12+) hashes in one call, without the Hash object
 * `createHash` builds: less than half the CPU on the short texts hashed here (a run hashes two per
 * row). Older Node 20 releases lack it, hence the fallback; both give the same digest.
 */
const sha256Hex: (text: string) => string =
  typeof (crypto as { hash?: unknown }).hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text).digest('hex');

/**
 * JSON with object keys sorted at every depth, so equal content always serialises the same way
 * whatever order a file listed its keys in. Objects whose keys are already sorted skip the sort,
 * small ones are sorted in place (Array#sort allocates a copy, a run's cache keys sort a few per
 * call), and strings go straight to JSON.stringify: this runs once per imported record.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      const v = value[i];
      out += v === undefined || typeof v === 'function' ? 'null' : canonicalJson(v);
    }
    return `${out}]`;
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  for (let i = 1; i < keys.length; i++) {
    if (keys[i - 1]! > keys[i]!) {
      if (keys.length <= 16) insertionSort(keys);
      else keys.sort();
      break;
    }
  }
  let out = '{';
  let first = true;
  for (const k of keys) {
    const v = obj[k];
    if (v === undefined || typeof v === 'function') continue;
    if (!first) out += ',';
    first = false;
    out += `${JSON.stringify(k)}:${typeof v === 'string' ? JSON.stringify(v) : canonicalJson(v)}`;
  }
  return `${out}}`;
}

/** Sorts a few strings in place, in the order Array#sort gives them (UTF-16 code units). */
function insertionSort(keys: string[]): void {
  for (let i = 1; i < keys.length; i++) {
    const k = keys[i]!;
    let j = i - 1;
    while (j >= 0 && keys[j]! > k) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = k;
  }
}

/** The content hash of a record: SHA-256 of its fields in canonical JSON, hex, first 32 chars (128 bits). */
export function contentHash(fields: Record<string, unknown>): string {
  return sha256Hex(canonicalJson(fields)).slice(0, 32);
}

export function sha256(text: string): string {
  return sha256Hex(text);
}
