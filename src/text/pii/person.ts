/**
 * PERSON, rule-based (no model can be shipped here), tuned for precision over recall.
 *
 * 1. Runs of capitalised words ("Maria Garcia", "John F. Kennedy", "Ludwig van Beethoven") are read
 *    left to right. A word in the shipped list of ~1,900 common given names (data/first-names.ts),
 *    followed by one or two surname-like words (capitalised, not in a list of common capitalised
 *    non-names: weekdays, months, street and company words, greetings, …), is a name: 0.6. Given names
 *    that are also everyday words ("May", "Will", "Grace", "Jordan") score 0.4 there.
 * 2. A title (Mr, Mrs, Ms, Dr, Prof, Sir, Herr, Frau, Mme, Sr, Sra, …) followed by capitalised words
 *    makes those words a name whether or not they are listed: 0.7. The title is not part of the span.
 * 3. Context: "my name is", "signed", "regards,", "dear", "hi", "me llamo", "je m'appelle", "ich heiße",
 *    … within five words before adds 0.35. After the strongest of them ("my name is" and its
 *    translations, "name:") any capitalised word is taken as a name; after the others a lone given
 *    name counts only if it is listed (0.3 + 0.35).
 *
 * Limits: names written in lowercase or capitals, names in non-Latin scripts, given names missing from
 * the list, and a surname alone without a title are not found; a listed given name followed by a
 * capitalised word that is not a surname ("Victoria Station" is excluded, "Jordan River" only scores
 * 0.4, but "Maria Hospital" would match) can be a false positive.
 */

import { boosted, CONTEXT_BOOST, contextPattern, hasContext } from './context.js';
import { AMBIGUOUS_FIRST_NAMES, FIRST_NAMES } from './data/first-names.js';
import { alternatives, chars, type GatePattern, many, one, optional, pattern, some } from './gate-pattern.js';
import { type Entity, GATE, type Recognizer, type ScanContext } from './types.js';

export const TITLE_SCORE = 0.7;
export const NAME_SCORE = 0.6;
export const AMBIGUOUS_NAME_SCORE = 0.4;
export const SINGLE_NAME_SCORE = 0.3;

const TITLES = new Set(
  'm mr mrs ms miss mx dr dra prof professor sir dame lady lord rev fr sr sra srta herr herrn frau mme mlle monsieur madame senor senora don dona dott dottor dottoressa sig signor signora senhor senhora meneer mevrouw dhr mevr'.split(
    ' ',
  ),
);
const TITLE_RE =
  'M(?=\\.)|Mr|Mrs|Ms|Miss|Mx|Dr|Dra|Prof|Professor|Sir|Dame|Lady|Lord|Rev|Fr|Sr|Sra|Srta|Herrn|Herr|Frau|Mme|Mlle|Monsieur|Madame|Señor|Señora|Don|Doña|Dottoressa|Dottor|Dott|Sig|Signor|Signora|Senhora|Senhor|[Mm]eneer|[Mm]evrouw|[Dd]hr|[Mm]evr';
const TOKEN = "(?:\\p{Lu}['’])?\\p{Lu}\\p{Ll}+(?:\\p{Lu}\\p{Ll}+)?(?:-\\p{Lu}\\p{Ll}+)?";
const PARTICLES = 'van|von|der|den|de|del|della|di|da|du|la|le|dos|das|bin|ibn|al|el|ter|ten';
const PART = `(?:(?:${TITLE_RE})\\.?(?=[ \\t])|\\p{Lu}\\.(?=[ \\t]+\\p{Lu})|(?:${PARTICLES})(?=[ \\t]+\\p{Lu})|${TOKEN})`;
/**
 * Two or more capitalised words (or a title and a word), separated by single spaces or tabs. The
 * lookahead names the lowercase titles in full: a bare [md] there sent the regex into its lookbehind at
 * every m and d of the text (a third of this pattern's cost).
 */
const RUN = new RegExp(
  `(?=\\p{Lu}|me(?:neer|vr)|dhr)(?<![\\p{L}\\p{M}\\p{N}'’.-])(?:(?:${TITLE_RE})\\.?|${TOKEN})(?:[ \\t]+${PART})+(?![\\p{L}\\p{M}\\p{N}])`,
  'gu',
);
const PIECE = new RegExp(PART, 'gu');

/**
 * Words that announce a name. Group 1: strong leads ("my name is", "signed"), after which any
 * capitalised words are a name. Group 2: weaker leads (greetings, sign-offs, "I am"), after which only
 * a listed given name is. One scan for both; case is spelt out on the first letter (no /i) and \b
 * starts the pattern, because this runs over every text.
 */
const STRONG_LEADS = [
  '[Mm]y name is',
  "[Mm]y name's",
  '[Nn]ame\\s*:',
  '[Mm]e llamo',
  '[Mm]i nombre es',
  "[Jj]e m['’]appelle",
  '[Ii]ch hei(?:ß|ss)e',
  '[Mm]ein [Nn]ame ist',
  '[Mm]i chiamo',
  '[Mm]eu nome (?:é|e)',
  '[Ss]igned',
  '[Ff]irmado',
  '[Uu]nterschrieben',
  '[Mm]e chamo',
  '[Mm]ijn naam is',
  '[Ii]k heet',
  '[Ii]l mio nome (?:è|e)',
  '[Uu] spreekt met',
  '[Hh]ier spricht',
];
/** "I am", "ich bin", "soy"…: two or more capitalised words after them are a name, one only if listed. */
const MEDIUM_LEADS = [
  'I am',
  "I'm",
  '[Tt]his is',
  '[Ss]oy',
  '[Jj]e suis',
  "[Cc]['’]est",
  '[Ii]ch bin',
  '[Hh]ier ist',
  '[Ss]ono',
  '[Ee]u sou',
  '[Aa]qui (?:é|e)',
  '[Ii]k ben',
  '[Ss]preche mit',
];
const WEAK_LEADS = [
  '[Hh]i',
  '[Hh]ello',
  '[Hh]ey',
  '[Dd]ear',
  '[Tt]hanks',
  '[Tt]hank you',
  '(?:[Bb]est |[Kk]ind )?[Rr]egards',
  '[Ss]incerely',
  '[Cc]heers',
  '[Bb]est',
  '[Hh]ola',
  '[Ss]aludos',
  '[Aa]tentamente',
  '[Bb]onjour',
  '[Cc]ordialement',
  '[Hh]allo',
  '[Gg]rüße',
  '[Cc]iao',
  '[Oo]lá',
];
const LEAD = new RegExp(
  `\\b(?:(${STRONG_LEADS.join('|')})|(${MEDIUM_LEADS.join('|')})|(${WEAK_LEADS.join('|')}))[ \\t]*[,:]?[ \\t\\n]+(?=[A-Z\\u00c0-\\u00d6\\u00d8-\\u00de])`,
  'g',
);
/** The words with what LEAD needs after them (the leading \b left out): the gate before LEAD. */
export const LEAD_GATES: readonly GatePattern[] = [...STRONG_LEADS, ...MEDIUM_LEADS, ...WEAK_LEADS].flatMap(
  (source) =>
    alternatives(source).map((lead) =>
      pattern(
        GATE.LEAD_WORD,
        lead,
        many(chars(' \t')),
        optional(chars(',:')),
        some(chars(' \t\n')),
        one([0x41, 0x5a, 0xc0, 0xd6, 0xd8, 0xde]),
      ),
    ),
);
const CONTEXT = contextPattern(
  [
    'my name is|name*|signed|regards|sincerely|cheers|best wishes|yours truly|dear|hi|hello|hey',
    'thanks|thank you|contact|ask for|speak to|spoke to|spoke with|agent|customer|mr|mrs|ms',
    "me llamo|mi nombre es|soy|hola|saludos|atentamente|firmado|je m'appelle|je suis|bonjour|cordialement",
    'unterschrieben',
    'ich heiße|ich heisse|ich bin|mein name ist|hallo|grüße|mi chiamo|sono|ciao|meu nome é|olá',
  ]
    .join('|')
    .split('|'),
);

/** Capitalised words that are not surnames: function words, greetings, calendar, places, organisations. */
const NOT_NAMES = new Set(
  `the a an and or but nor of in on at to for with from by about as into over after before than via per is
  are was were be been am has have had do does did will would can could should may might must shall not no
  yes ok okay i i'm im we you he she it they me my your his her our their its this that these those there
  here what which who whom whose when where why how all any each every some many much more most other
  another such only also just hi hello hey dear thanks thank please sorry welcome regards sincerely cheers
  best kind warm yours love monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu
  thur thurs fri sat sun today tomorrow yesterday january february march april june july august september
  october november december jan feb mar apr jun jul aug sep sept oct nov dec christmas easter ramadan
  diwali halloween thanksgiving street st road rd avenue ave boulevard blvd lane ln drive dr court ct
  place pl way square highway parkway north south east west northern southern eastern western new old
  great upper lower central saint san santa inc ltd llc plc gmbh corp co company corporation group
  holdings bank university college school academy hospital clinic airport station hotel restaurant cafe
  church park center centre museum library team support customer customers service services department
  office ministry council club association foundation institute store shop market mall airlines airways
  air systems technologies technology software labs studio studios media news times post daily journal
  magazine review united states kingdom republic city county state province island islands lake river
  mountain mount beach bay valley hills day week month year order account invoice ticket number email
  phone address password product pro plus mini premium edition version windows linux android iphone ipad
  mac google apple microsoft amazon facebook netflix chrome firefox safari excel word powerpoint english
  spanish french german italian portuguese chinese japanese korean arabic hindi russian dutch america
  american europe european asia asian africa african el la los las le les der die das dem und y e et o ou
  de del para por con sin pour avec mit fur von zu il lo gli una un une ein eine einen hola bonjour hallo
  gracias merci danke grazie obrigado buenos buenas senor dona sehr liebe lieber estimado estimada querido
  querida caro cara cher chere`.split(/\s+/),
);

function key(token: string): string {
  return /^[A-Za-z'’-]+$/.test(token)
    ? token.toLowerCase()
    : token
        .normalize('NFD')
        .replace(/\p{M}+/gu, '')
        .toLowerCase();
}

const PARTICLE_SET = new Set(PARTICLES.split('|'));

/** One word of a run, classified once. */
interface Piece {
  text: string;
  start: number;
  /** Case-folded, accents and a trailing '.' removed. */
  key: string;
  kind: 'initial' | 'particle' | 'title' | 'word';
}

function piece(text: string, start: number): Piece {
  if (text.length === 2 && text[1] === '.')
    return { text, start, key: text[0]!.toLowerCase(), kind: 'initial' };
  if (PARTICLE_SET.has(text)) return { text, start, key: text, kind: 'particle' };
  const k = key(text.endsWith('.') ? text.slice(0, -1) : text);
  return { text, start, key: k, kind: TITLES.has(k) ? 'title' : 'word' };
}

/** Words already classified by mayHoldName: the same capitalised words come back in text after text. */
const nameLike = new Map<string, boolean>();

/** Cheap first test of a run: does any word look like a given name or a title? Most runs have none. */
function mayHoldName(run: string): boolean {
  let yes = runNameLike.get(run);
  if (yes === undefined) {
    yes = wordsMayHoldName(run);
    if (runNameLike.size >= 100_000) runNameLike.clear();
    runNameLike.set(run, yes);
  }
  return yes;
}

/** mayHoldName's answers by whole run: most runs ("Thanks", "Your package") recur as they are. */
const runNameLike = new Map<string, boolean>();

function wordsMayHoldName(run: string): boolean {
  for (const w of run.split(/[ \t]+/)) {
    let yes = nameLike.get(w);
    if (yes === undefined) {
      const k = key(w.endsWith('.') ? w.slice(0, -1) : w);
      yes = FIRST_NAMES.has(k) || TITLES.has(k);
      if (nameLike.size >= 100_000) nameLike.clear();
      nameLike.set(w, yes);
    }
    if (yes) return true;
  }
  return false;
}

const surnameLike = (p: Piece) => p.kind === 'word' && !NOT_NAMES.has(p.key);

/**
 * The end index (exclusive) of the name that starts with a surname-like run at `pieces[i]`: up to
 * `max` surname-like words, with initials and particles allowed between them; `i` when none.
 */
function nameEnd(pieces: readonly Piece[], i: number, max: number): number {
  let j = i;
  let words = 0;
  let last = i;
  while (j < pieces.length && words < max) {
    const p = pieces[j]!;
    if (surnameLike(p)) {
      words++;
      last = j + 1;
    } else if (p.kind === 'word' || p.kind === 'title') break;
    j++;
  }
  return last;
}

/** Capitalised words from `at` on (sticky). */
const LEADING = new RegExp(`${TOKEN}(?:[ \\t]+${PART})*`, 'uy');

function leadingPieces(text: string, at: number): Piece[] {
  LEADING.lastIndex = at;
  const m = LEADING.exec(text);
  if (!m) return [];
  const pieces: Piece[] = [];
  PIECE.lastIndex = 0;
  for (let p = PIECE.exec(m[0]); p; p = PIECE.exec(m[0])) pieces.push(piece(p[0], at + p.index));
  return pieces;
}

/** One capitalised word not followed by another. */
const SINGLE = new RegExp(`${TOKEN}(?![\\p{L}\\p{M}\\p{N}]|[ \\t]+\\p{Lu})`, 'uy');

export const personRecognizer: Recognizer = {
  name: 'person',
  entities: ['PERSON'],
  find(text: string, ctx: ScanContext, out: Entity[]): void {
    const emit = (pieces: readonly Piece[], from: number, to: number, base: number) => {
      const first = pieces[from]!;
      const lastPiece = pieces[to - 1]!;
      const end = lastPiece.start + lastPiece.text.length;
      // A street named after someone ("rue Victor Hugo", "Via Giuseppe Verdi") is part of an address.
      if (STREET_BEFORE.test(text.slice(Math.max(0, first.start - 24), first.start))) return;
      const score = boosted(base, hasContext(text, first.start, CONTEXT, ctx.contextWords));
      out.push({ type: 'PERSON', start: first.start, end, text: text.slice(first.start, end), score });
    };

    RUN.lastIndex = 0;
    for (let m = RUN.exec(text); m; m = RUN.exec(text)) {
      if (!mayHoldName(m[0])) continue;
      const pieces: Piece[] = [];
      PIECE.lastIndex = 0;
      for (let p = PIECE.exec(m[0]); p; p = PIECE.exec(m[0])) pieces.push(piece(p[0], m.index + p.index));
      let i = 0;
      while (i < pieces.length) {
        const p = pieces[i]!;
        // French "M. Dupont": an initial M. opening the run is Monsieur.
        const title = p.kind === 'title' || (i === 0 && p.text === 'M.');
        if (title && i + 1 < pieces.length) {
          const end = nameEnd(pieces, i + 1, 3);
          if (end > i + 1) {
            emit(pieces, i + 1, end, TITLE_SCORE);
            i = end;
            continue;
          }
        }
        const k = p.key;
        if (p.kind === 'word' && FIRST_NAMES.has(k) && i + 1 < pieces.length) {
          // A given name, then optionally a middle name or initial, then one or two surnames.
          const end = nameEnd(pieces, i + 1, 3);
          if (end > i + 1) {
            emit(pieces, i, end, AMBIGUOUS_FIRST_NAMES.has(k) ? AMBIGUOUS_NAME_SCORE : NAME_SCORE);
            i = end;
            continue;
          }
        }
        i++;
      }
    }

    // Names right after a lead word: after "my name is" and the like any capitalised words; after a
    // greeting or sign-off ("Hi Maria", "Regards,\nTom") a lone listed given name.
    LEAD.lastIndex = 0;
    for (let m = ctx.gates & GATE.LEAD_WORD ? LEAD.exec(text) : null; m; m = LEAD.exec(text)) {
      const at = m.index + m[0].length;
      if (m[1]) {
        const pieces = leadingPieces(text, at);
        const end = pieces.length ? nameEnd(pieces, 0, 3) : 0;
        if (end > 0) emit(pieces, 0, end, end > 1 ? NAME_SCORE : SINGLE_NAME_SCORE);
        continue;
      }
      if (m[2]) {
        const pieces = leadingPieces(text, at);
        const end = pieces.length ? nameEnd(pieces, 0, 3) : 0;
        if (end > 1) {
          emit(pieces, 0, end, LEAD_NAME_SCORE);
          continue;
        }
      }
      SINGLE.lastIndex = at;
      const single = SINGLE.exec(text);
      if (!single || !FIRST_NAMES.has(key(single[0]))) continue;
      const score = Math.round((SINGLE_NAME_SCORE + CONTEXT_BOOST) * 100) / 100;
      out.push({ type: 'PERSON', start: at, end: at + single[0].length, text: single[0], score });
    }

    // A sign-off line ("Best regards,", "Mit freundlichen Grüßen") and then a line of one to three
    // capitalised words alone: the writer's name.
    if (!text.includes('\n')) return;
    SIGNATURE.lastIndex = 0;
    for (let m = SIGNATURE.exec(text); m; m = SIGNATURE.exec(text)) {
      const at = m.index + m[0].length - m[1]!.length;
      const pieces = leadingPieces(text, at);
      const end = pieces.length ? nameEnd(pieces, 0, 3) : 0;
      const last = pieces[end - 1];
      // The name must be the whole line.
      if (!last || last.start + last.text.length !== at + m[1]!.length) continue;
      emit(pieces, 0, end, end > 1 ? LEAD_NAME_SCORE : SINGLE_NAME_SCORE + CONTEXT_BOOST);
    }
  },
};

/** Two or more capitalised words after "I am", "ich bin", "soy", …, or a signature under a sign-off. */
export const LEAD_NAME_SCORE = 0.85;

const STREET_BEFORE =
  /(?:^|[^\p{L}])(?:rue|avenue|av\.|boulevard|bd|place|impasse|quai|allée|chemin|via|viale|corso|piazza|largo|calle|avenida|paseo|plaza|rua|travessa|praça|alameda)[ \t]+(?:(?:de la|de l'|du|des|de|del|della|di|do|da|dos|das)[ \t]+)?$/iu;
const SIGNATURE = new RegExp(
  `(?:,|regards|wishes|sincerely|cheers|thanks|grüßen|grüße|gruß|groet|groeten|groetjes|cordialement|vous|amitiés|saludos|atentamente|abrazo|saluti|saluto|abbraccio|abraços|atenciosamente|beijos)[ \\t]*[,.!]?[ \\t]*\\n[ \\t]*(${TOKEN}(?:[ \\t]+${PART}){0,3})[ \\t]*(?=\\n|$)`,
  'giu',
);
