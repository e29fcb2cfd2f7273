// Language identification: the candidate libraries (franc, eld in its four sizes, tinyld normal and
// heavy, cld3-asm) and Tandem's detectLanguage on the sentences of lib/lang-sentences.mjs (25
// languages × 10 sentences of 20+ words, 6 short texts of 3–8 words each, chat turns). Prints accuracy
// overall and per language, throughput, load time and memory, and a comparison table. Every library's
// answer is mapped to ISO 639-1 (franc answers ISO 639-3; Norwegian `no`/`nob` is counted as `nb`).
// Target (issue): ≥ 95% on sentences of 20+ words in 20 languages.
// Usage: npm run build && npm run bench -- lang
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  CHATS,
  CORE_LANGUAGES,
  countWords,
  LANGUAGES,
  LONG,
  MIXED,
  messagesOf,
  SHORT,
  samples,
} from './lib/lang-sentences.mjs';
import { machine } from './lib/machine.mjs';

const tandemModule = new URL('../dist/text/language.js', import.meta.url);

/** ISO 639-3 (franc) → ISO 639-1, for the languages of the set and their usual confusions. */
const ISO3 = {
  eng: 'en',
  spa: 'es',
  fra: 'fr',
  deu: 'de',
  ita: 'it',
  por: 'pt',
  nld: 'nl',
  swe: 'sv',
  nob: 'nb',
  nno: 'nn',
  nor: 'nb',
  dan: 'da',
  pol: 'pl',
  ces: 'cs',
  slk: 'sk',
  rus: 'ru',
  ukr: 'uk',
  bel: 'be',
  bul: 'bg',
  tur: 'tr',
  azj: 'az',
  arb: 'ar',
  ara: 'ar',
  pes: 'fa',
  urd: 'ur',
  hin: 'hi',
  mar: 'mr',
  npi: 'ne',
  mai: 'mai',
  bho: 'bho',
  cmn: 'zh',
  zho: 'zh',
  jpn: 'ja',
  kor: 'ko',
  vie: 'vi',
  ind: 'id',
  zlm: 'ms',
  msa: 'ms',
  fin: 'fi',
  est: 'et',
  ell: 'el',
  heb: 'he',
  ydd: 'yi',
  hrv: 'hr',
  srp: 'sr',
  bos: 'bs',
  slv: 'sl',
  ron: 'ro',
  hun: 'hu',
  cat: 'ca',
  glg: 'gl',
  afr: 'af',
  lit: 'lt',
  lvs: 'lv',
  isl: 'is',
  tgl: 'tl',
  sco: 'sco',
};

/** Any library's answer as ISO 639-1 ('und' when it gave none). */
function iso1(code) {
  if (!code || code === 'und' || code === 'zxx') return 'und';
  if (code.length === 3) return ISO3[code] ?? code;
  const base = code.split(/[-_]/)[0].toLowerCase();
  if (base === 'no') return 'nb';
  if (base === 'iw') return 'he';
  if (code.includes('-Latn')) return code; // cld3's romanised zh-Latn, ru-Latn, …: not the script we test
  return base;
}

/** Each candidate: how to load it (source run alone in a child process for load time and memory) and detect. */
const candidates = [
  {
    name: 'franc 6.2',
    load: `const { franc } = await import('franc'); detect = (t) => franc(t);`,
    make: async () => {
      const { franc } = await import('franc');
      return (t) => iso1(franc(t));
    },
  },
  {
    name: 'franc 6.2 (minLength 1)',
    load: `const { franc } = await import('franc'); detect = (t) => franc(t, { minLength: 1 });`,
    make: async () => {
      const { franc } = await import('franc');
      return (t) => iso1(franc(t, { minLength: 1 }));
    },
  },
  ...['large', 'medium', 'small', 'extrasmall'].map((size) => ({
    name: `eld 2.1 ${size}`,
    load: `const { eld } = await import('eld/${size}'); detect = (t) => eld.detect(t).language;`,
    make: async () => {
      const { eld } = await import(`eld/${size}`);
      return (t) => iso1(eld.detect(t).language);
    },
  })),
  ...[
    ['normal', 'tinyld'],
    ['heavy', 'tinyld/heavy'],
  ].map(([size, spec]) => ({
    name: `tinyld 1.3 ${size}`,
    load: `const m = await import('${spec}'); detect = (t) => m.detect(t);`,
    make: async () => {
      const m = await import(spec);
      return (t) => iso1(m.detect(t));
    },
  })),
  {
    name: 'cld3-asm 4.0',
    load: `const { loadModule } = (await import('cld3-asm')).default; const id = (await loadModule()).create(0, 1000); detect = (t) => id.findLanguage(t).language;`,
    make: async () => {
      const { loadModule } = (await import('cld3-asm')).default;
      const id = (await loadModule()).create(0, 1000);
      return (t) => iso1(id.findLanguage(t).language);
    },
  },
];
const tandem = existsSync(tandemModule) ? await import(tandemModule.href) : undefined;
if (tandem) {
  await tandem.loadLanguageDetector();
  for (const [name, options] of [
    ['tandem detectLanguage', {}],
    ['tandem, no script shortcuts', { scriptShortcuts: false }],
  ]) {
    candidates.push({
      name,
      load: `const m = await import('${tandemModule.href}'); await m.loadLanguageDetector(); detect = (t) => m.detectLanguage(t, ${JSON.stringify(options)}).lang;`,
      make: async () => (t) => tandem.detectLanguage(t, options).lang,
    });
  }
} else console.log('dist/text/language.js is missing: run `npm run build` to measure Tandem’s detector too');

const long = samples(LONG);
const short = samples(SHORT);
const turns = CHATS.flatMap((c) => c.turns.map(([, lang, content]) => [lang, content]));
const isCore = new Set(CORE_LANGUAGES);
const bytes = long.reduce((n, [, t]) => n + Buffer.byteLength(t), 0);
// Documents: each language's ten sentences as one text (1.3–3.3 KB), for MB/s on longer input.
const docs = Object.entries(LONG).map(([lang, texts]) => [lang, texts.join(' ')]);
const docBytes = docs.reduce((n, [, t]) => n + Buffer.byteLength(t), 0);

console.log(`machine: ${machine()}`);
const words = long.map(([lang, t]) => countWords(t, lang));
console.log(
  `set: ${LANGUAGES.length} languages (${CORE_LANGUAGES.length} named by the issue + ${LANGUAGES.length - CORE_LANGUAGES.length}); ` +
    `${long.length} sentences of ${Math.min(...words)}–${Math.max(...words)} words (${(bytes / 1024).toFixed(0)} KiB), ` +
    `${short.length} short texts of 3–8 words, ${MIXED.length} code-switched turns, ` +
    `${turns.length} chat turns in ${CHATS.length} conversations, ${docs.length} documents of ` +
    `${(docBytes / docs.length / 1024).toFixed(1)} KiB on average`,
);

/** Load time and memory of one candidate, alone in a fresh process (the first detect call included). */
function loadCost(c) {
  const script = `
    let detect;
    const m0 = process.memoryUsage();
    const t0 = performance.now();
    ${c.load}
    detect('The quick brown fox jumps over the lazy dog near the river bank.');
    const t1 = performance.now();
    globalThis.gc?.();
    const m1 = process.memoryUsage();
    console.log(JSON.stringify({ ms: t1 - t0, rss: (m1.rss - m0.rss) / 2 ** 20, heap: (m1.heapUsed - m0.heapUsed) / 2 ** 20 }));
  `;
  const r = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`${c.name}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

function accuracy(detect, set) {
  let ok = 0;
  let und = 0;
  const per = {};
  const wrong = [];
  for (const [lang, text] of set) {
    const got = detect(text);
    per[lang] ??= { ok: 0, n: 0 };
    per[lang].n++;
    if (got === lang) {
      ok++;
      per[lang].ok++;
    } else {
      if (got === 'und') und++;
      wrong.push(`${lang}→${got}`);
    }
  }
  return { acc: ok / set.length, ok, n: set.length, und, per, wrong };
}

/** Texts per second and MB/s over a set: the best of three runs of at least 0.7 s (the machine is shared). */
function throughput(detect, set, setBytes) {
  let best = 0;
  for (let run = 0; run < 3; run++) {
    let rounds = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < 700 || rounds < 2) {
      for (const [, t] of set) detect(t);
      rounds++;
    }
    best = Math.max(best, rounds / ((performance.now() - t0) / 1000));
  }
  return { perSecond: best * set.length, mbPerSecond: (best * setBytes) / 2 ** 20 };
}

const pct = (x) => `${(100 * x).toFixed(1)}%`;
const results = [];
for (const c of candidates) {
  const cost = loadCost(c);
  const detect = await c.make();
  const all = accuracy(detect, long);
  const core = accuracy(
    detect,
    long.filter(([l]) => isCore.has(l)),
  );
  const held = accuracy(
    detect,
    long.filter(([l, t]) => LONG[l].indexOf(t) % 2 === 1),
  );
  const sh = accuracy(detect, short);
  const mx = accuracy(detect, MIXED);
  const ch = accuracy(detect, turns);
  const dc = accuracy(detect, docs);
  const speed = throughput(detect, long, bytes);
  const docSpeed = throughput(detect, docs, docBytes);
  results.push({ c, cost, all, core, held, sh, mx, ch, dc, speed, docSpeed });
  console.error(`measured ${c.name}`);
}

console.log('\nComparison (accuracy on sentences of 20+ words; short = 3–8 words; "und" = no answer):\n');
const header = [
  'library',
  '20 langs',
  '25 langs',
  'held-out half',
  'short (und)',
  'code-switched',
  'chat turns',
  'documents',
  'sentences/s',
  'MB/s (docs)',
  'load ms',
  'RSS MB',
  'heap MB',
];
const rows = results.map(({ c, cost, all, core, held, sh, mx, ch, dc, speed, docSpeed }) => [
  c.name,
  pct(core.acc),
  pct(all.acc),
  pct(held.acc),
  `${pct(sh.acc)} (${sh.und})`,
  pct(mx.acc),
  pct(ch.acc),
  pct(dc.acc),
  Math.round(speed.perSecond).toLocaleString('en-US'),
  docSpeed.mbPerSecond.toFixed(1),
  cost.ms.toFixed(0),
  cost.rss.toFixed(0),
  cost.heap.toFixed(0),
]);
printTable(header, rows);

console.log('\nPer language, sentences of 20+ words (correct of 10) / short texts (correct of 6):\n');
printTable(
  ['lang', ...results.map((r) => r.c.name)],
  LANGUAGES.map((l) => [l, ...results.map((r) => `${r.all.per[l]?.ok ?? 0} / ${r.sh.per[l]?.ok ?? 0}`)]),
);

console.log('\nErrors on sentences of 20+ words (expected→answer):');
for (const r of results) console.log(`  ${r.c.name}: ${summarize(r.all.wrong)}`);
console.log('Errors on short texts:');
for (const r of results) console.log(`  ${r.c.name}: ${summarize(r.sh.wrong)}`);
console.log('Errors on code-switched turns:');
for (const r of results) console.log(`  ${r.c.name}: ${summarize(r.mx.wrong)}`);

if (tandem) {
  const checks = await import(new URL('../dist/text/language-checks.js', import.meta.url).href);
  calibration(tandem);
  chatChecks(checks);
}

/** Reliability of Tandem's score: per score band, how often the answer is right (dev and held-out halves). */
function calibration(m) {
  console.log(
    '\nCalibration of tandem detectLanguage scores (sentences, short texts, code-switched and chat turns; und left out):\n',
  );
  const bands = [0, 0.5, 0.7, 0.8, 0.9, 0.95, 1.0001];
  const rows = [];
  for (const half of ['dev', 'test']) {
    const set = [
      ...samples(LONG, half),
      ...samples(SHORT, half),
      ...(half === 'dev' ? MIXED.filter((_, i) => i % 2 === 0) : MIXED.filter((_, i) => i % 2 === 1)),
      ...(half === 'dev' ? turns.filter((_, i) => i % 2 === 0) : turns.filter((_, i) => i % 2 === 1)),
    ];
    const stats = bands.slice(0, -1).map(() => ({ n: 0, ok: 0, sum: 0 }));
    for (const [lang, text] of set) {
      const r = m.detectLanguage(text);
      if (r.lang === 'und') continue;
      const b = bands.findIndex((lo, i) => r.score >= lo && r.score < bands[i + 1]);
      stats[b].n++;
      stats[b].sum += r.score;
      if (r.lang === lang) stats[b].ok++;
    }
    stats.forEach((s, i) => {
      if (s.n > 0)
        rows.push([
          half === 'dev' ? 'development' : 'held out',
          `${bands[i]}–${Math.min(1, bands[i + 1]).toFixed(2)}`,
          s.n,
          (s.sum / s.n).toFixed(3),
          (s.ok / s.n).toFixed(3),
        ]);
    });
  }
  printTable(['half', 'score band', 'answers', 'mean score', 'share right'], rows);
}

/** chatLanguageTurns on the labelled chats: off-language turns found, and turns flagged wrongly. */
function chatChecks(checks) {
  let found = 0;
  let missed = 0;
  let wrong = 0;
  let skippedOff = 0;
  for (const chat of CHATS) {
    const messages = messagesOf(chat);
    const flagged = new Set(checks.chatLanguageTurns(messages, chat.lang).map((t) => t.index));
    chat.turns.forEach(([, lang, content], i) => {
      const off = lang !== chat.lang;
      const long = tandem.letterProfile(tandem.cleanForDetection(content)).letters >= checks.MIN_TURN_LETTERS;
      if (off && !long) skippedOff++;
      else if (off && flagged.has(i)) found++;
      else if (off) missed++;
      else if (flagged.has(i)) wrong++;
    });
  }
  console.log(
    `\nchatLanguageTurns (threshold ${checks.DEFAULT_MISMATCH_THRESHOLD}, turns of ${checks.MIN_TURN_LETTERS}+ letters): ` +
      `${found} of ${found + missed} off-language turns flagged, ${wrong} same-language turns flagged wrongly` +
      (skippedOff ? `, ${skippedOff} short off-language turns skipped` : ''),
  );
}

function summarize(wrong) {
  if (wrong.length === 0) return 'none';
  const counts = new Map();
  for (const w of wrong) counts.set(w, (counts.get(w) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([w, n]) => (n > 1 ? `${w} ×${n}` : w))
    .join(', ');
}

/** A Markdown table, columns padded (the same text pastes into docs/checks.md). */
function printTable(head, body) {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((x, i) => String(x).padEnd(widths[i])).join(' | ')} |`;
  console.log(line(head));
  console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
  for (const r of body) console.log(line(r));
}
