/**
 * Operators turn found entities into something safe to keep:
 *
 * - `replace`: the type in angle brackets, `<EMAIL_ADDRESS>`.
 * - `mask`: each letter and digit becomes `maskChar` ('*'), except the last `keepLast` of them (4 for
 *   cards, phone numbers and IBANs, 0 for the rest); spaces and punctuation stay, so the shape shows.
 * - `redact`: the entity is removed.
 * - `hash`: the first `hashLength` (16) hex digits of HMAC-SHA256(salt, value). The same value always
 *   gives the same hash, so records can still be joined on it; without the salt it cannot be reversed by
 *   hashing guesses (which for a phone number would take seconds).
 * - `fake`: a consistent, syntactically valid fake of the same type (see fake.ts).
 */

import { createHmac } from 'node:crypto';
import { analyze } from './analyze.js';
import { FakeMap } from './fake.js';
import { type AnalyzeOptions, type Entity, type EntityType, OPERATORS, type OperatorName } from './types.js';

export { OPERATORS, type OperatorName } from './types.js';

export const DEFAULT_KEEP_LAST: Readonly<Partial<Record<EntityType, number>>> = {
  CREDIT_CARD: 4,
  PHONE_NUMBER: 4,
  IBAN_CODE: 4,
};

export interface AnonymizeOptions {
  /** Key of the HMAC for `hash` and `fake`. Required by both. */
  salt?: string;
  /** `mask`: the character that replaces letters and digits. Default '*'. */
  maskChar?: string;
  /** `mask`: how many trailing letters/digits stay visible: one number for all types, or per type. */
  keepLast?: number | Partial<Record<EntityType, number>>;
  /** `hash`: hex digits kept (1–64). Default 16. */
  hashLength?: number;
  /** `fake`: the map to keep across records (else a new one per call, from `salt`). */
  fakes?: FakeMap;
  /** `fake`: region of phone numbers written without a country code. Default 'US'. */
  region?: string;
}

/** An entity after anonymization: offsets and text are those of the new text. */
export interface AnonymizedEntity extends Entity {
  operator: OperatorName;
}

export interface AnonymizeResult {
  text: string;
  entities: AnonymizedEntity[];
}

/** HMAC-SHA256(salt, value) as hex, cut to `length` digits. */
export function saltedHash(value: string, salt: string, length = 16): string {
  return createHmac('sha256', salt).update(value).digest('hex').slice(0, length);
}

/** `value` with letters and digits masked except the last `keepLast` of them. */
export function mask(value: string, keepLast = 0, maskChar = '*'): string {
  let visible = keepLast;
  const chars = [...value];
  for (let i = chars.length - 1; i >= 0; i--) {
    if (!/[\p{L}\p{N}]/u.test(chars[i]!)) continue;
    if (visible > 0) visible--;
    else chars[i] = maskChar;
  }
  return chars.join('');
}

function keepLastFor(type: EntityType, option: AnonymizeOptions['keepLast']): number {
  if (typeof option === 'number') return option;
  return option?.[type] ?? DEFAULT_KEEP_LAST[type] ?? 0;
}

/** Checks operator options up front so a bad call fails before any text is touched. */
function prepare(operator: OperatorName, options: AnonymizeOptions): (e: Entity) => string {
  if (!(OPERATORS as readonly string[]).includes(operator)) {
    throw new RangeError(`unknown operator '${operator}'; expected ${OPERATORS.join(', ')}`);
  }
  if ((operator === 'hash' || operator === 'fake') && !options.salt && !options.fakes) {
    throw new TypeError(`the ${operator} operator needs a salt`);
  }
  const hashLength = options.hashLength ?? 16;
  if (!Number.isInteger(hashLength) || hashLength < 1 || hashLength > 64) {
    throw new RangeError(`hashLength must be 1–64, got ${hashLength}`);
  }
  const maskChar = options.maskChar ?? '*';
  switch (operator) {
    case 'replace':
      return (e) => `<${e.type}>`;
    case 'redact':
      return () => '';
    case 'mask':
      return (e) => mask(e.text, keepLastFor(e.type, options.keepLast), maskChar);
    case 'hash':
      return (e) => saltedHash(e.text, options.salt ?? '', hashLength);
    case 'fake': {
      const fakes = options.fakes ?? new FakeMap(options.salt ?? '', options.region);
      return (e) => fakes.get(e.type, e.text);
    }
  }
}

/**
 * Applies `operator` to `entities` of `text` (as `analyze` returns them; overlapping ones are
 * resolved first-come, in start order). The value used is `text.slice(start, end)`.
 */
export function anonymize(
  text: string,
  entities: readonly Entity[],
  operator: OperatorName,
  options: AnonymizeOptions = {},
): AnonymizeResult {
  const apply = prepare(operator, options);
  const sorted = [...entities].sort((a, b) => a.start - b.start || b.end - a.end);
  const parts: string[] = [];
  const out: AnonymizedEntity[] = [];
  let from = 0;
  let length = 0;
  for (const e of sorted) {
    if (!(Number.isInteger(e.start) && Number.isInteger(e.end) && e.start >= 0 && e.start <= e.end)) {
      throw new RangeError(`bad entity span [${e.start}, ${e.end})`);
    }
    if (e.end > text.length)
      throw new RangeError(`entity [${e.start}, ${e.end}) is past the end of the text`);
    if (e.start < from) continue; // overlaps the previous one
    const value = text.slice(e.start, e.end);
    const replacement = apply({ ...e, text: value });
    parts.push(text.slice(from, e.start));
    length += e.start - from;
    out.push({
      type: e.type,
      start: length,
      end: length + replacement.length,
      text: replacement,
      score: e.score,
      operator,
    });
    parts.push(replacement);
    length += replacement.length;
    from = e.end;
  }
  parts.push(text.slice(from));
  return { text: parts.join(''), entities: out };
}

/** `analyze` then `anonymize`. */
export function redactText(
  text: string,
  operator: OperatorName = 'replace',
  options: AnonymizeOptions & AnalyzeOptions = {},
): AnonymizeResult & { found: Entity[] } {
  const found = analyze(text, options);
  return { ...anonymize(text, found, operator, options), found };
}
