/**
 * Types shared by the PII recognizers, the analyzer and the operators. Offsets are UTF-16 code units
 * of the analysed string (JavaScript string indexes), end exclusive.
 */

/** Entity types, named as Presidio names them where Presidio has the entity. */
export const ENTITY_TYPES = [
  'EMAIL_ADDRESS',
  'PHONE_NUMBER',
  'CREDIT_CARD',
  'IBAN_CODE',
  'IP_ADDRESS',
  'URL',
  'US_SSN',
  'UK_NHS',
  'ES_NIF',
  'ES_NIE',
  'DE_TAX_ID',
  'IN_AADHAAR',
  'CA_SIN',
  /** A full date (day, month, year) written in any common form. */
  'DATE_TIME',
  /** A date with a birth word before or after it ("born on", "DOB", "geboren", "生まれ", …). */
  'DATE_OF_BIRTH',
  /** A credential in a known format: OpenAI, Anthropic, AWS, GitHub, Slack, Google, Stripe keys, JWTs. */
  'API_KEY',
  /** A PEM private key block, or a high-entropy token right after a word like key/secret/token/password. */
  'SECRET',
  /** Street addresses, cities, regions and countries. */
  'LOCATION',
  'PERSON',
] as const;

export type EntityType = (typeof ENTITY_TYPES)[number];

export interface Entity {
  type: EntityType;
  /** First UTF-16 code unit of the match. */
  start: number;
  /** One past the last UTF-16 code unit. */
  end: number;
  /** `input.slice(start, end)`. */
  text: string;
  /** Confidence in [0, 1]: the pattern's base score, 1.0 when a checksum confirms, plus context. */
  score: number;
}

export interface AnalyzeOptions {
  /** Region (ISO 3166 alpha-2) for phone numbers written without a country code. Default 'US'. */
  region?: string;
  /**
   * Further regions tried for national phone numbers that are not valid in `region`. They score lower
   * (0.4) and need a context word ("phone", "Tel.", "móvil", …) to reach the default threshold.
   * Default: GB, DE, FR, ES, IT, NL, IN, BR, MX, JP, AU, CA. Pass [] to turn off.
   */
  phoneRegions?: readonly string[];
  /** Entities scoring below this are dropped. Default 0.5. */
  minScore?: number;
  /** Only these types (default: all). */
  entities?: readonly EntityType[];
  /** How many words before a match are searched for context words. Default 5. */
  contextWords?: number;
}

/** What every recognizer receives: resolved options and facts about the text computed once. */
export interface ScanContext {
  region: string;
  phoneRegions: readonly string[];
  contextWords: number;
  /** The caller's threshold: a recognizer may skip work whose best possible score is below it. */
  minScore: number;
  /** The bits of GATE whose tests the text passes (gates.ts makes them all in one pass). */
  gates: number;
}

/** Options with their defaults applied and checked: a ScanContext before a text is looked at. */
export type ResolvedOptions = Omit<ScanContext, 'gates'>;

/**
 * Cheap tests of a whole text that guard costly patterns, as bits of ScanContext.gates. Each
 * recognizer defines the patterns of its own gates next to the regexes they guard (see
 * gate-automaton.ts); a gate passes whenever the test it stands for would.
 */
export const GATE = {
  /** An ASCII digit (after other scripts' digits are read as ASCII). */
  DIGIT: 1 << 0,
  /** An Arabic-Indic, Persian or Devanagari digit. */
  OTHER_DIGIT: 1 << 1,
  /** A street word where an address in a Latin-script language other than English could be. */
  STREET: 1 << 2,
  /** The prefix of an API key format. */
  KEY_PREFIX: 1 << 3,
  /** A word like key, secret, token, password. */
  SECRET_WORD: 1 << 4,
  /** A word about birth, in any language. */
  BIRTH_WORD: 1 << 5,
  /** A digit, a dot, one to three digits, a dot, a digit. */
  IPV4_DOTS: 1 << 6,
  /** Two colons with at most four hexadecimal digits between them. */
  IPV6_COLONS: 1 << 7,
  /** "://" or "www.". */
  URL_START: 1 << 8,
  /** A letter or digit, a dot, two letters. */
  DOMAIN_DOT: 1 << 9,
  /** Arabic, Devanagari or Han: the scripts of non-Latin addresses. */
  ADDRESS_SCRIPT: 1 << 10,
  /** Cyrillic, Arabic, Devanagari, kana, Han or Hangul: the scripts of native place names. */
  PLACE_SCRIPT: 1 << 11,
  /** Arabic, Devanagari, kana or Han: the scripts of the non-Latin name patterns. */
  NAME_SCRIPT: 1 << 12,
  /** A Hangul syllable. */
  HANGUL: 1 << 13,
  /** Twelve digits, with single spaces, dots or dashes between them. */
  CARD_DIGITS: 1 << 14,
  /** Nine digits, with single spaces, dots or dashes between them. */
  ID_DIGITS: 1 << 15,
  /** Seven digits (single spaces, dots or dashes between them), an optional dash and a capital letter. */
  NIF_DIGITS: 1 << 16,
  /** Two capital letters and two digits. */
  IBAN_START: 1 << 17,
  /** A word that announces a name ("my name is", "Hi", "Regards"), then spaces and a capital letter. */
  LEAD_WORD: 1 << 18,
} as const;

/** One family of patterns. `find` appends candidates (already scored, context included) to `out`. */
export interface Recognizer {
  readonly name: string;
  readonly entities: readonly EntityType[];
  find(text: string, ctx: ScanContext, out: Entity[]): void;
}

/** How found entities are rewritten (see operators.ts); here so the CLI can list them without loading the recognizers. */
export const OPERATORS = ['replace', 'mask', 'redact', 'hash', 'fake'] as const;
export type OperatorName = (typeof OPERATORS)[number];
