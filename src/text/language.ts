/**
 * Language identification: which language a text is written in, as an ISO 639-1 code.
 *
 * The model is Google's CLD3 (a small neural network over character n-grams, 107 languages) compiled
 * to WebAssembly by the `cld3-asm` package; `bench/lang.bench.mjs` compares it with franc, eld and
 * tinyld on Tandem's own sentences (docs/checks.md, "Language identification"). Around it:
 *
 * - **Loading.** The WebAssembly module compiles asynchronously (about 0.2 s, 20 MB), once per process:
 *   `await loadLanguageDetector()` before the first `detectLanguage`, which throws otherwise.
 * - **Bounded input.** Only the first {@link MAX_CHARS} characters are looked at; URLs, e-mail addresses
 *   and control characters are blanked first (a control character makes CLD3 stop reading, and a URL
 *   reads as English), and the model reads at most {@link MODEL_MAX_BYTES} bytes of what remains.
 * - **Minimum length.** Text with fewer than {@link MIN_LETTERS} letters, counting a Chinese or
 *   Japanese character or a Hangul syllable as {@link CJK_WEIGHT}, is `und` with score 0: one or two
 *   words ("Hello", "Tak", "ok") are guesses whatever the model says.
 * - **Script shortcuts.** A text whose letters are mostly in a script only one supported language uses
 *   is that language without asking the model: Hangul → ko, kana → ja, Greek → el, Thai → th,
 *   Armenian → hy, Georgian → ka. They were kept because they fix code-switched support turns the
 *   model gets wrong ("Python script 실행하면 ImportError 나와요" → zh). Hebrew (also Yiddish), Arabic
 *   (also Persian, Urdu), Cyrillic and Devanagari (also Marathi, Nepali) are left to the model.
 * - **Codes.** ISO 639-1, with `nb` for Norwegian (CLD3's `no`; it does not tell Bokmål from Nynorsk)
 *   and `he` for Hebrew. The few CLD3 languages without a 639-1 code keep their 639-2/3 code (`ceb`,
 *   `haw`, `hmn`, `fil` as `tl`); romanised Hindi, Russian, … (`hi-Latn`) count as the language itself.
 */

import { createRequire } from 'node:module';

/** A detected language: ISO 639-1 code (or `und`) and a confidence from 0 to 1. */
export interface LanguageResult {
  lang: string;
  score: number;
}

/** One language of a text that mixes several, with the share of the text (by bytes) it covers. */
export interface LanguagePart extends LanguageResult {
  share: number;
}

export interface DetectOptions {
  /**
   * The languages the answer may be (ISO 639-1; `no` is read as `nb`, regions are dropped). CLD3 gives
   * only its best guess, so this cannot re-rank: a guess outside the list becomes its close relative in
   * the list (nb/da/nn, id/ms, hr/sr/bs, cs/sk, …; see {@link CLOSE_LANGUAGES}) at half its score, else
   * `und` with score 0.
   */
  only?: readonly string[];
  /** Script shortcuts (default true); false asks the model for every text (the benchmark compares). */
  scriptShortcuts?: boolean;
}

/** Characters of a text looked at; the rest is ignored. */
export const MAX_CHARS = 2000;
/** UTF-8 bytes of the cleaned text the model reads. */
export const MODEL_MAX_BYTES = 1024;
/** Below this many letters a text is `und` with score 0. */
export const MIN_LETTERS = 10;
/** A Han, kana or Hangul character counts as this many letters (it carries about a short word). */
export const CJK_WEIGHT = 3;
/** Share of the weighted letters a unique script must have for a script shortcut. */
export const SHORTCUT_SHARE = 0.5;
/** Share of kana among the Chinese and Japanese characters for the Japanese shortcut. */
export const KANA_SHARE = 0.35;

export const UNDETERMINED: LanguageResult = Object.freeze({ lang: 'und', score: 0 });

/**
 * Groups of languages the model confuses with each other on short or unusual text; `only` falls back
 * within a group. Norwegian Nynorsk is in the Bokmål group because CLD3 reports both as `no`.
 */
export const CLOSE_LANGUAGES: readonly (readonly string[])[] = [
  ['nb', 'nn', 'da', 'sv'],
  ['id', 'ms'],
  ['hr', 'sr', 'bs', 'sl'],
  ['cs', 'sk'],
  ['ru', 'uk', 'be', 'bg', 'mk'],
  ['es', 'gl', 'pt', 'ca'],
  ['nl', 'af', 'fy'],
  ['zh', 'ja'],
  ['hi', 'mr', 'ne'],
  ['fa', 'ar', 'ur', 'ps'],
  ['tl', 'ceb'],
];

// --- the model --------------------------------------------------------------------------------------

interface Cld3Result {
  language: string;
  probability: number;
  proportion: number;
}
interface Cld3Identifier {
  findLanguage(text: string): Readonly<Cld3Result>;
  findMostFrequentLanguages(text: string, numLangs: number): Readonly<Cld3Result>[];
}
interface Cld3Module {
  loadModule(options?: { timeout?: number }): Promise<{
    create(minBytes?: number, maxBytes?: number): Cld3Identifier;
  }>;
}

let identifier: Cld3Identifier | undefined;
let loading: Promise<void> | undefined;

/**
 * Compiles the CLD3 WebAssembly module once per process (later calls return the same promise). Call
 * and await it before {@link detectLanguage}; a failed load can be retried.
 */
export function loadLanguageDetector(): Promise<void> {
  loading ??= (async () => {
    // cld3-asm is CommonJS; require keeps its named export without a default-import shim.
    const cld3 = createRequire(import.meta.url)('cld3-asm') as Cld3Module;
    const factory = await cld3.loadModule();
    identifier = factory.create(0, MODEL_MAX_BYTES);
  })().catch((e: unknown) => {
    loading = undefined;
    throw e;
  });
  return loading;
}

/** Whether {@link loadLanguageDetector} has finished. */
export function isLanguageDetectorLoaded(): boolean {
  return identifier !== undefined;
}

function model(): Cld3Identifier {
  if (!identifier) throw new Error('the language detector is not loaded: await loadLanguageDetector() first');
  return identifier;
}

// --- codes ------------------------------------------------------------------------------------------

const LEGACY: Record<string, string> = {
  no: 'nb',
  iw: 'he',
  in: 'id',
  ji: 'yi',
  jw: 'jv',
  fil: 'tl',
  mo: 'ro',
};

/**
 * A language code as this module answers it: lower case, region and script dropped (`en-US` → `en`,
 * `zh-Hans` → `zh`, `hi-Latn` → `hi`), legacy and macro codes replaced (`no` → `nb`, `iw` → `he`,
 * `in` → `id`, `fil` → `tl`).
 */
export function normalizeLanguageCode(code: string): string {
  const base = code.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return LEGACY[base] ?? base;
}

// --- the text ---------------------------------------------------------------------------------------

// URLs, e-mail addresses, and what CLD3 stops reading at (it reads up to the first byte that is not
// "interchange-valid" UTF-8): control characters (tabs and newlines too; a space does as well), lone
// surrogates, noncharacters and the byte-order mark.
const NOISE =
  /\b(?:https?:\/\/|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|[\p{Cc}\p{Cs}\p{Noncharacter_Code_Point}\ufeff]/gu;

/** The first MAX_CHARS characters (never half a surrogate pair) with URLs, e-mails and controls blanked. */
export function cleanForDetection(text: string): string {
  let head = text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text;
  const last = head.charCodeAt(head.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) head = head.slice(0, -1);
  return head.replace(NOISE, ' ');
}

type Script = 'hangul' | 'kana' | 'han' | 'greek' | 'thai' | 'armenian' | 'georgian' | 'other';

const SHORTCUTS: Partial<Record<Script, string>> = {
  hangul: 'ko',
  kana: 'ja',
  greek: 'el',
  thai: 'th',
  armenian: 'hy',
  georgian: 'ka',
};

// Letters and combining marks: the vowel signs of Devanagari, Thai, … carry as much as letters do.
const LETTER = /[\p{L}\p{M}]/u;

function scriptOf(cp: number): Script {
  if (cp < 0x370) return 'other';
  if (cp <= 0x3ff || (cp >= 0x1f00 && cp <= 0x1fff)) return 'greek';
  if (cp >= 0x530 && cp <= 0x58f) return 'armenian';
  if (cp >= 0xe00 && cp <= 0xe7f) return 'thai';
  if (cp >= 0x10a0 && cp <= 0x10ff) return 'georgian';
  if ((cp >= 0xac00 && cp <= 0xd7af) || (cp >= 0x1100 && cp <= 0x11ff) || (cp >= 0x3130 && cp <= 0x318f))
    return 'hangul';
  // Kana, without the middle dot U+30FB and the length mark U+30FC that Chinese text uses too.
  if ((cp >= 0x3040 && cp <= 0x30fa) || (cp >= 0x31f0 && cp <= 0x31ff) || (cp >= 0xff66 && cp <= 0xff9d))
    return 'kana';
  if (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x20000 && cp <= 0x3ffff)
  )
    return 'han';
  return 'other';
}

/** Weighted letter counts per script of a cleaned text (CJK characters count {@link CJK_WEIGHT}). */
export function letterProfile(text: string): { letters: number; scripts: Partial<Record<Script, number>> } {
  let letters = 0;
  const scripts: Partial<Record<Script, number>> = {};
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) {
      if ((cp | 0x20) >= 0x61 && (cp | 0x20) <= 0x7a) letters++;
      continue;
    }
    const script = scriptOf(cp);
    if (script === 'other') {
      if (LETTER.test(ch)) letters++;
      continue;
    }
    if (script === 'kana' || script === 'han' || script === 'hangul') {
      letters += CJK_WEIGHT;
      scripts[script] = (scripts[script] ?? 0) + CJK_WEIGHT;
    } else if (LETTER.test(ch)) {
      letters++;
      scripts[script] = (scripts[script] ?? 0) + 1;
    }
  }
  return { letters, scripts };
}

/** The shortcut answer for a profile, if one script decides it. */
function shortcut(profile: ReturnType<typeof letterProfile>): LanguageResult | undefined {
  const { letters, scripts } = profile;
  const kana = scripts.kana ?? 0;
  const cjk = kana + (scripts.han ?? 0);
  // Japanese mixes kana with kanji: kana are 45–100% of the CJK characters of the benchmark's Japanese
  // texts, 26% in its Chinese chat with one Japanese reply; below KANA_SHARE the model decides.
  if (kana > 0 && kana >= KANA_SHARE * cjk && cjk >= SHORTCUT_SHARE * letters)
    return { lang: 'ja', score: round(cjk / letters) };
  for (const [script, lang] of Object.entries(SHORTCUTS) as [Script, string][]) {
    if (script === 'kana') continue;
    const n = scripts[script] ?? 0;
    if (n >= SHORTCUT_SHARE * letters) return { lang, score: round(n / letters) };
  }
  return undefined;
}

/**
 * The model's probability, lowered for short text: on the development half of the benchmark's short
 * texts (3–8 words) CLD3 is right 97% of the time when it says ≥ 0.9, on sentences of 20+ words always;
 * with this factor a score of 0.9 means about 90% right on both (bench/lang.bench.mjs prints the table).
 */
function calibrate(probability: number, letters: number): number {
  const lengthFactor = Math.min(1, 0.85 + letters / 400);
  return round(probability * lengthFactor);
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;

function fromModel(code: string): string {
  return code === 'und' ? 'und' : normalizeLanguageCode(code);
}

/** Applies `only`: keep an allowed answer, else its allowed close relative at half the score, else und. */
function restrict(result: LanguageResult, only: ReadonlySet<string> | undefined): LanguageResult {
  if (!only || result.lang === 'und' || only.has(result.lang)) return result;
  const group = CLOSE_LANGUAGES.find((g) => g.includes(result.lang));
  const relative = group?.find((l) => only.has(l));
  return relative ? { lang: relative, score: round(result.score / 2) } : UNDETERMINED;
}

function onlySet(options: DetectOptions | undefined): ReadonlySet<string> | undefined {
  return options?.only && options.only.length > 0
    ? new Set(options.only.map(normalizeLanguageCode))
    : undefined;
}

// --- the API ----------------------------------------------------------------------------------------

/**
 * The language of a text: ISO 639-1 code and a confidence from 0 to 1, or `{lang: 'und', score: 0}`
 * for text that is too short (fewer than {@link MIN_LETTERS} letters) or that the model cannot place.
 * Requires {@link loadLanguageDetector} to have finished.
 */
export function detectLanguage(text: string, options?: DetectOptions): LanguageResult {
  const cld3 = model();
  const clean = cleanForDetection(text);
  const profile = letterProfile(clean);
  if (profile.letters < MIN_LETTERS) return UNDETERMINED;
  const only = onlySet(options);
  const quick = options?.scriptShortcuts === false ? undefined : shortcut(profile);
  if (quick) return restrict(quick, only);
  const r = cld3.findLanguage(clean);
  const lang = fromModel(r.language);
  if (lang === 'und') return UNDETERMINED;
  return restrict({ lang, score: calibrate(r.probability, profile.letters) }, only);
}

/**
 * The languages of a text that mixes several (a Japanese answer quoting English, a Norwegian chat with
 * a Danish reply), up to `max` (default 3): CLD3 splits the text by script and detects each part, and
 * `share` is the part of the text (by bytes) in that language. These are the parts of the text, not
 * alternative guesses for one text: CLD3 gives one guess per part. The first entry is always
 * {@link detectLanguage}'s answer for the whole text (with the script shortcuts), taking the share of the
 * part it agrees with, or of the largest part; too short a text gives an empty list.
 */
export function detectLanguages(text: string, options?: DetectOptions & { max?: number }): LanguagePart[] {
  const whole = detectLanguage(text, options);
  if (whole.lang === 'und') return [];
  const clean = cleanForDetection(text);
  const letters = letterProfile(clean).letters;
  const only = onlySet(options);
  const parts = new Map<string, LanguagePart>();
  for (const r of model().findMostFrequentLanguages(clean, Math.max(1, options?.max ?? 3))) {
    const part = restrict({ lang: fromModel(r.language), score: calibrate(r.probability, letters) }, only);
    if (part.lang === 'und') continue;
    const seen = parts.get(part.lang);
    if (seen) {
      seen.share = round(seen.share + r.proportion);
      seen.score = Math.max(seen.score, part.score);
    } else parts.set(part.lang, { ...part, share: round(r.proportion) });
  }
  const rest = [...parts.values()].sort((a, b) => b.share - a.share || b.score - a.score);
  const agreeing = rest.findIndex((p) => p.lang === whole.lang);
  const taken = Math.max(agreeing, 0);
  const share = rest[taken]?.share ?? 1;
  rest.splice(taken, rest.length > 0 ? 1 : 0);
  return [{ ...whole, share }, ...rest].slice(0, Math.max(1, options?.max ?? 3));
}
