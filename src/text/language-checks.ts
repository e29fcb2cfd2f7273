/**
 * Pure helpers the dataset check of languages builds on: does a text (or each turn of a chat) speak the
 * language it should? Both only flag what the detector is sure of: a detected language with a score at
 * or above the threshold that is not among the expected ones. Too short a text or a low score is never a
 * mismatch, only a reason. Requires `loadLanguageDetector()` from ./language.js to have finished.
 */

import {
  cleanForDetection,
  detectLanguage,
  type LanguageResult,
  letterProfile,
  MIN_LETTERS,
  normalizeLanguageCode,
} from './language.js';

/**
 * Score at or above which a detected language different from the expected one is flagged. On the
 * benchmark's short texts the wrong answers score 0.48–0.70 (unrelated languages) and 0.87–0.90 (nb/da,
 * ru/be, id/ms); the off-language chat turns it should find score ≥ 0.99.
 */
export const DEFAULT_MISMATCH_THRESHOLD = 0.9;
/** Chat turns with fewer letters than this are skipped ("ok", "Gracias!", "네, 감사합니다!"). */
export const MIN_TURN_LETTERS = 20;
/** The roles whose turns are checked, and whose text makes a conversation's language. */
export const CHAT_ROLES: readonly string[] = ['user', 'assistant'];

export interface LanguageCheck extends LanguageResult {
  /** True when the text is, with a score ≥ threshold, in a language that is not expected. */
  flagged: boolean;
  /** The expected languages, normalized (ISO 639-1). */
  expected: string[];
  /** Why it is flagged or not, for people. */
  reason: string;
}

export interface MismatchOptions {
  /** Default {@link DEFAULT_MISMATCH_THRESHOLD}. */
  threshold?: number;
}

const names = new Intl.DisplayNames(['en'], { type: 'language' });

/** "German (de)", or with a score "German (de, score 0.97)"; the bare code when Intl has no name. */
function describe(lang: string, score?: number): string {
  let name: string | undefined;
  try {
    name = names.of(lang);
  } catch {
    name = undefined;
  }
  const detail = score === undefined ? lang : `${lang}, score ${score}`;
  return name && name !== lang
    ? `${name} (${detail})`
    : score === undefined
      ? lang
      : `${lang} (score ${score})`;
}

function expectedList(expected: string | readonly string[]): string[] {
  const list = (typeof expected === 'string' ? [expected] : [...expected]).map(normalizeLanguageCode);
  return [...new Set(list.filter((l) => l !== ''))];
}

/** The detector reports Nynorsk as nb (CLD3 knows one Norwegian), so nb satisfies an expected nn. */
function satisfies(lang: string, expected: readonly string[]): boolean {
  return expected.includes(lang) || (lang === 'nb' && expected.includes('nn'));
}

/**
 * Whether a text is in another language than expected. `expected` is one ISO 639-1 code or the list of
 * languages allowed (a dataset's languages); `no` counts as `nb`, regions are dropped.
 */
export function languageMismatch(
  text: string,
  expected: string | readonly string[],
  options: MismatchOptions = {},
): LanguageCheck {
  const threshold = options.threshold ?? DEFAULT_MISMATCH_THRESHOLD;
  const want = expectedList(expected);
  const wanted = want.map((l) => describe(l)).join(' or ');
  const { lang, score } = detectLanguage(text);
  const result = (flagged: boolean, reason: string): LanguageCheck => ({
    flagged,
    expected: want,
    lang,
    score,
    reason,
  });
  if (lang === 'und') {
    const letters = letterProfile(cleanForDetection(text)).letters;
    return result(
      false,
      letters < MIN_LETTERS
        ? `too short to tell (${letters} letters, fewer than ${MIN_LETTERS})`
        : 'the language could not be determined',
    );
  }
  if (satisfies(lang, want)) return result(false, `${describe(lang, score)} as expected`);
  if (score < threshold)
    return result(
      false,
      `looks like ${describe(lang)}, expected ${wanted}, but the score ${score} is below ${threshold}`,
    );
  return result(true, `${describe(lang, score)}, expected ${wanted}`);
}

/** A chat message as found in data files: `{role, content}`, content a string or OpenAI text parts. */
export interface ChatMessageLike {
  role?: unknown;
  content?: unknown;
}

/** The text of a message's content: a string, or the `text` of `[{type: 'text', text}]` parts. */
export function messageText(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return undefined;
  const texts: string[] = [];
  for (const part of content) {
    if (typeof part === 'string') texts.push(part);
    else if (part && typeof part === 'object' && typeof (part as { text?: unknown }).text === 'string')
      texts.push((part as { text: string }).text);
  }
  return texts.join('\n');
}

/** The value as chat messages if it is a non-empty list of `{role: string, content}` objects, else undefined. */
export function asChatMessages(value: unknown): ChatMessageLike[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  for (const m of value) {
    if (!m || typeof m !== 'object' || Array.isArray(m)) return undefined;
    const { role, content } = m as ChatMessageLike;
    if (typeof role !== 'string') return undefined;
    if (content !== null && content !== undefined && messageText(content) === undefined) return undefined;
  }
  return value as ChatMessageLike[];
}

/** The text of a conversation's turns in `roles` (default user and assistant), one turn a line. */
export function chatText(
  messages: readonly ChatMessageLike[],
  roles: readonly string[] = CHAT_ROLES,
): string {
  const texts: string[] = [];
  for (const m of messages) {
    if (typeof m.role !== 'string' || !roles.includes(m.role)) continue;
    const t = messageText(m.content);
    if (t) texts.push(t);
  }
  return texts.join('\n');
}

export interface TurnLanguage extends LanguageResult {
  /** Index of the turn in the messages (0-based, system messages counted). */
  index: number;
  role: string;
  expected: string[];
  reason: string;
}

export interface TurnOptions extends MismatchOptions {
  /** Turns with fewer letters are skipped; default {@link MIN_TURN_LETTERS}. */
  minLetters?: number;
  /** Roles checked; default user and assistant. */
  roles?: readonly string[];
}

/**
 * The turns of a conversation that are, with a score ≥ threshold, in another language than expected.
 * Turns of other roles (system, tool) and turns with fewer than `minLetters` letters are skipped.
 * Without `expected`, the conversation's language is expected: the language most of its checked turns'
 * letters are detected in (a vote by turn, so one long reply in another language does not decide it),
 * and a conversation with no turn long enough has no such turns.
 */
export function chatLanguageTurns(
  messages: readonly ChatMessageLike[],
  expected?: string | readonly string[],
  options: TurnOptions = {},
): TurnLanguage[] {
  const roles = options.roles ?? CHAT_ROLES;
  const minLetters = options.minLetters ?? MIN_TURN_LETTERS;
  const threshold = options.threshold ?? DEFAULT_MISMATCH_THRESHOLD;
  const turns: { index: number; role: string; letters: number; detected: LanguageResult }[] = [];
  messages.forEach((m, index) => {
    if (typeof m.role !== 'string' || !roles.includes(m.role)) return;
    const text = messageText(m.content);
    if (!text) return;
    const letters = letterProfile(cleanForDetection(text)).letters;
    if (letters >= minLetters) turns.push({ index, role: m.role, letters, detected: detectLanguage(text) });
  });
  let want: string[];
  if (expected === undefined || (typeof expected !== 'string' && expected.length === 0)) {
    const votes = new Map<string, number>();
    for (const t of turns)
      if (t.detected.lang !== 'und')
        votes.set(t.detected.lang, (votes.get(t.detected.lang) ?? 0) + t.letters);
    const top = [...votes].sort((a, b) => b[1] - a[1])[0];
    if (!top) return [];
    want = [top[0]];
  } else want = expectedList(expected);
  const wanted = want.map((l) => describe(l)).join(' or ');
  return turns
    .filter(
      (t) => t.detected.lang !== 'und' && !satisfies(t.detected.lang, want) && t.detected.score >= threshold,
    )
    .map((t) => ({
      index: t.index,
      role: t.role,
      lang: t.detected.lang,
      score: t.detected.score,
      expected: want,
      reason: `${describe(t.detected.lang, t.detected.score)}, expected ${wanted}`,
    }));
}
