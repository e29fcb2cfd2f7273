/**
 * Span tagging rules. Offsets are JavaScript string indices (UTF-16 code units) into the field's
 * text, `end` exclusive, the same as the API stores.
 */
import type { SpanValue } from '../api/types.js';

export type Span = SpanValue[number];

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Move an offset off the middle of a surrogate pair (towards `dir`). */
export function snapToCodePoint(text: string, offset: number, dir: -1 | 1 = -1): number {
  const o = Math.max(0, Math.min(text.length, offset));
  if (
    o > 0 &&
    o < text.length &&
    isLowSurrogate(text.charCodeAt(o)) &&
    isHighSurrogate(text.charCodeAt(o - 1))
  )
    return dir < 0 ? o - 1 : o + 1;
  return o;
}

/** One caret step left or right, a whole code point at a time. */
export function stepCaret(text: string, offset: number, dir: -1 | 1): number {
  const next = Math.max(0, Math.min(text.length, offset + dir));
  return snapToCodePoint(text, next, dir);
}

/** One word step (Ctrl+Arrow): to the next/previous boundary between word and non-word characters. */
export function stepWord(text: string, offset: number, dir: -1 | 1): number {
  const isWord = (i: number) => /[\p{L}\p{N}_]/u.test(text[i] ?? '');
  let o = offset;
  if (dir > 0) {
    while (o < text.length && !isWord(o)) o++;
    while (o < text.length && isWord(o)) o++;
  } else {
    while (o > 0 && !isWord(o - 1)) o--;
    while (o > 0 && isWord(o - 1)) o--;
  }
  return snapToCodePoint(text, o, dir);
}

/**
 * A selection turned into span bounds: ordered, clamped to the text, kept off surrogate halves and
 * trimmed of surrounding white space. Undefined when nothing but white space is selected.
 */
export function normalizeRange(
  text: string,
  a: number,
  b: number,
): { start: number; end: number } | undefined {
  let start = snapToCodePoint(text, Math.min(a, b), -1);
  let end = snapToCodePoint(text, Math.max(a, b), 1);
  while (start < end && /\s/.test(text[start] ?? '')) start++;
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
  return end > start ? { start, end } : undefined;
}

export const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;

const byPosition = (a: Span, b: Span) => a.start - b.start || a.end - b.end || a.label.localeCompare(b.label);

/**
 * Tag a range. The same range with the same label again removes it (a toggle). Without overlap,
 * spans the new one overlaps are replaced by it; with overlap, spans may nest and cross freely.
 */
export function addSpan(spans: Span[], span: Span, allowOverlap: boolean): Span[] {
  const same = spans.findIndex((s) => s.start === span.start && s.end === span.end && s.label === span.label);
  if (same >= 0) return spans.filter((_, i) => i !== same);
  const kept = allowOverlap ? spans : spans.filter((s) => !overlaps(s, span));
  return [...kept, span].sort(byPosition);
}

/** Remove the spans that cover a caret position (or overlap a selected range). */
export function removeSpansAt(spans: Span[], start: number, end = start): Span[] {
  if (end > start) return spans.filter((s) => !overlaps(s, { start, end }));
  return spans.filter((s) => !(s.start <= start && start < s.end));
}

export function removeSpan(spans: Span[], index: number): Span[] {
  return spans.filter((_, i) => i !== index);
}

/** Spans that still fit the text and name a known label, sorted; bad suggestions are dropped. */
export function validSpans(spans: unknown, textLength: number, labels: string[]): Span[] {
  if (!Array.isArray(spans)) return [];
  const known = new Set(labels);
  return spans
    .filter(
      (s): s is Span =>
        typeof s === 'object' &&
        s !== null &&
        Number.isInteger((s as Span).start) &&
        Number.isInteger((s as Span).end) &&
        (s as Span).start >= 0 &&
        (s as Span).end <= textLength &&
        (s as Span).end > (s as Span).start &&
        known.has((s as Span).label),
    )
    .map((s) => ({ start: s.start, end: s.end, label: s.label }))
    .sort(byPosition);
}

export interface Segment {
  start: number;
  end: number;
  /** Indices into the spans array of the spans covering this piece. */
  spans: number[];
  selected: boolean;
}

/**
 * Cut the text into pieces at every span and selection boundary, so each piece is covered by one
 * fixed set of spans. Pieces with no span and no selection are merged (except at an extra cut).
 */
export function segments(
  textLength: number,
  spans: Span[],
  selection?: { start: number; end: number },
  /** More positions to cut at (the caret), so a piece starts exactly there. */
  extraCuts: number[] = [],
): Segment[] {
  const cuts = new Set<number>([0, textLength]);
  for (const c of extraCuts) if (c > 0 && c < textLength) cuts.add(c);
  for (const s of spans) {
    cuts.add(Math.min(s.start, textLength));
    cuts.add(Math.min(s.end, textLength));
  }
  if (selection && selection.end > selection.start) {
    cuts.add(selection.start);
    cuts.add(selection.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    if (end <= start) continue;
    const covering = spans.flatMap((s, j) => (s.start <= start && end <= s.end ? [j] : []));
    const selected = !!selection && selection.start <= start && end <= selection.end;
    const last = out[out.length - 1];
    const mergeable = !extraCuts.includes(start);
    if (
      last &&
      mergeable &&
      !selected &&
      !last.selected &&
      covering.length === 0 &&
      last.spans.length === 0
    ) {
      last.end = end;
      continue;
    }
    out.push({ start, end, spans: covering, selected });
  }
  return out;
}
