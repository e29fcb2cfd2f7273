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
  /** The text holds at least one ASCII digit. */
  hasDigits: boolean;
}

/** One family of patterns. `find` appends candidates (already scored, context included) to `out`. */
export interface Recognizer {
  readonly name: string;
  readonly entities: readonly EntityType[];
  find(text: string, ctx: ScanContext, out: Entity[]): void;
}

/** How found entities are rewritten (see operators.ts); here so the CLI can list them without loading the recognizers. */
export const OPERATORS = ['replace', 'mask', 'redact', 'hash', 'fake'] as const;
export type OperatorName = (typeof OPERATORS)[number];
