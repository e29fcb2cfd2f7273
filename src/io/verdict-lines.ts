import { badInput } from '../core/errors.js';
import { describeJson, isPlainObject, MAX_RECORD_BYTES, readChunks } from './reader-kit.js';

/**
 * A fast reader for JSONL files of 0/1 verdicts, one `{"judge": 0|1, "human": 0|1|null}` object a
 * line (other keys allowed and ignored), for `tandem audit estimate` on millions of lines. Lines are
 * scanned as bytes: a line holding only flat keys with 0, 1, null or plain-string values is read
 * without building a string or an object; any other line goes through JSON.parse, so what is
 * accepted and the messages for bad lines are the same either way.
 */

/** A verdict: 0 or 1, or -1 for null / absent (not audited, or no judge). */
export type Verdict = -1 | 0 | 1;

export type OnVerdicts = (line: number, human: Verdict, judge: Verdict) => void;

const FAIL = -2;
const QUOTE = 34;
const BACKSLASH = 92;

const isSpace = (b: number) => b === 32 || b === 9 || b === 13 || b === 10;

/** Whether bytes [s, s + word.length) of buf spell `word` (ASCII). */
function matches(buf: Uint8Array, s: number, e: number, word: string): boolean {
  if (e - s < word.length) return false;
  for (let i = 0; i < word.length; i++) if (buf[s + i] !== word.charCodeAt(i)) return false;
  return true;
}

/**
 * The fast path: human * 3 + judge shifted to 0…8 (each of -1, 0, 1 → 0, 1, 2), -1 for a blank line,
 * or FAIL when the line needs the full parser (anything unusual, valid or not).
 */
function scan(buf: Uint8Array, s: number, e: number): number {
  let i = s;
  while (i < e && isSpace(buf[i]!)) i++;
  if (i === e) return -1;
  if (buf[i] !== 123) return FAIL; // {
  i++;
  let human = -1;
  let judge = -1;
  let first = true;
  for (;;) {
    while (i < e && isSpace(buf[i]!)) i++;
    if (first && buf[i] === 125) {
      i++;
      break;
    }
    if (buf[i] !== QUOTE) return FAIL;
    const k0 = ++i;
    while (i < e && buf[i] !== QUOTE) {
      if (buf[i] === BACKSLASH || buf[i]! < 32) return FAIL;
      i++;
    }
    if (i >= e) return FAIL;
    const k1 = i++;
    while (i < e && isSpace(buf[i]!)) i++;
    if (buf[i] !== 58) return FAIL; // :
    i++;
    while (i < e && isSpace(buf[i]!)) i++;
    const key =
      k1 - k0 === 5 ? (matches(buf, k0, k1, 'human') ? 1 : matches(buf, k0, k1, 'judge') ? 2 : 0) : 0;
    let value: number;
    const b = buf[i];
    if (b === 48 || b === 49) {
      value = b - 48;
      i++;
    } else if (b === 110 && matches(buf, i, e, 'null')) {
      value = -1;
      i += 4;
    } else if (b === QUOTE && key === 0) {
      i++;
      while (i < e && buf[i] !== QUOTE) {
        if (buf[i] === BACKSLASH || buf[i]! < 32) return FAIL;
        i++;
      }
      if (i >= e) return FAIL;
      i++;
      value = -1;
    } else return FAIL;
    if (key === 1) human = value;
    else if (key === 2) judge = value;
    while (i < e && isSpace(buf[i]!)) i++;
    if (buf[i] === 44) {
      i++;
      first = false;
      continue;
    }
    if (buf[i] === 125) {
      i++;
      break;
    }
    return FAIL; // includes 01, 1.0, 1e0: the full parser decides
  }
  while (i < e && isSpace(buf[i]!)) i++;
  if (i !== e) return FAIL;
  return (human + 1) * 3 + (judge + 1);
}

const shown = (v: unknown) =>
  v !== null && typeof v === 'object' ? describeJson(v) : JSON.stringify(v).slice(0, 40);

function verdict(v: unknown, key: string, file: string, line: number): Verdict {
  if (v === 0 || v === 1) return v;
  if (v === undefined || v === null) return -1;
  throw badInput(`"${key}" must be 0, 1 or null, found ${shown(v)}`, { file, line });
}

/** The full parser, for lines the fast path passes on. */
function parseLine(text: string, file: string, line: number, on: OnVerdicts): void {
  if (text.trim().length === 0) return;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw badInput(`not valid JSON: ${(e as Error).message}`, { file, line });
  }
  if (!isPlainObject(v))
    throw badInput(`each line must be an object like {"judge": 0, "human": 1}, found ${describeJson(v)}`, {
      file,
      line,
    });
  on(line, verdict(v.human, 'human', file, line), verdict(v.judge, 'judge', file, line));
}

/**
 * Calls `on` for every non-blank line of `file` in order with its 1-based line number and verdicts.
 * A line that is not such an object stops the read with a bad_input naming file:line.
 */
export async function readVerdictLines(file: string, on: OnVerdicts): Promise<void> {
  let line = 0;
  let carry: Buffer | undefined;
  const take = (buf: Buffer, s: number, e: number) => {
    line++;
    const code = scan(buf, s, e);
    if (code === -1) return;
    if (code === FAIL) return parseLine(buf.toString('utf8', s, e), file, line, on);
    on(line, (Math.floor(code / 3) - 1) as Verdict, ((code % 3) - 1) as Verdict);
  };
  for await (const chunk of readChunks(file)) {
    const buf = carry ? Buffer.concat([carry, chunk]) : chunk;
    let start = 0;
    for (let nl = buf.indexOf(10, start); nl >= 0; nl = buf.indexOf(10, start)) {
      take(buf, start, nl);
      start = nl + 1;
    }
    carry = start < buf.length ? buf.subarray(start) : undefined;
    if (carry && carry.length > MAX_RECORD_BYTES)
      throw badInput(`line longer than ${MAX_RECORD_BYTES} bytes`, { file, line: line + 1 });
  }
  if (carry) take(carry, 0, carry.length);
}
