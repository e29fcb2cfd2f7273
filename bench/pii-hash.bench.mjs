// A fingerprint of the PII analyzer's findings, for speed work that must not change them: SHA-256 over
// every finding (type, start, end, score) of `analyze` on both labelled sets (bench/data/pii-eval-*)
// and on MB of the pii benchmark's support-chat text (seed 7) plus 1 MB of its PII-free text (seed 11).
// Run it before and after a change: the hash must be the same.
// Usage: npm run build && npm run bench -- pii-hash [MB]   (default 4)
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { analyze } from '../dist/text/pii/index.js';
import { generatePiiText } from './lib/gen-pii-text.mjs';
import { evalFile } from './lib/pii-eval-gen.mjs';

const MB = Number(process.argv[3] ?? 4);
const texts = [];
for (const set of ['tune', 'held']) {
  const lines = gunzipSync(readFileSync(evalFile(set)))
    .toString('utf8')
    .split('\n');
  for (const l of lines) if (l) texts.push(JSON.parse(l).text);
}
const labelled = texts.length;
texts.push(...generatePiiText(MB * 1e6, 7).records, ...generatePiiText(1e6, 11, 600, 0).records);

const hash = createHash('sha256');
let findings = 0;
for (const text of texts) {
  for (const e of analyze(text)) {
    hash.update(`${e.type}|${e.start}|${e.end}|${e.score}\n`);
    findings++;
  }
  hash.update('#\n');
}
console.log(
  `${hash.digest('hex')}  ${findings} findings in ${texts.length} texts (${labelled} labelled sentences, ${MB} + 1 MB of bench text)`,
);
