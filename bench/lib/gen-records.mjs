import { rng } from './rng.mjs';
import { writeLines } from './write-lines.mjs';

const WORDS =
  'order refund shipping delayed account password reset invoice charge twice package tracking number warehouse exchange size colour jacket boots tent backpack return label courier weekend support ticket manager policy thirty days receipt discount coupon'.split(
    ' ',
  );
const LANGS = ['en', 'es', 'fr', 'de', 'pt', 'ja', 'hi', 'ar'];
const INTENTS = ['refund_request', 'order_status', 'account_access', 'billing_dispute', 'shipping_delay'];

function sentence(r, words) {
  const out = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(r() * WORDS.length)]);
  return `${out.join(' ')}.`;
}

/** Writes `n` JSONL support conversations of about 400 bytes each. Resolves with the byte count. */
export function generateRecords(path, n, seed = 42) {
  const r = rng(seed);
  return writeLines(path, n, (i) =>
    JSON.stringify({
      id: `conv-${i}`,
      language: LANGS[i % LANGS.length],
      intent: INTENTS[Math.floor(r() * INTENTS.length)],
      messages: [
        { role: 'user', content: sentence(r, 18) },
        { role: 'assistant', content: sentence(r, 24) },
      ],
    }),
  );
}
