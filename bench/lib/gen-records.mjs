import { createWriteStream } from 'node:fs';

const WORDS =
  'order refund shipping delayed account password reset invoice charge twice package tracking number warehouse exchange size colour jacket boots tent backpack return label courier weekend support ticket manager policy thirty days receipt discount coupon'.split(
    ' ',
  );
const LANGS = ['en', 'es', 'fr', 'de', 'pt', 'ja', 'hi', 'ar'];
const INTENTS = ['refund_request', 'order_status', 'account_access', 'billing_dispute', 'shipping_delay'];

/** A deterministic pseudo-random generator, so every run benchmarks the same bytes. */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sentence(r, words) {
  const out = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(r() * WORDS.length)]);
  return `${out.join(' ')}.`;
}

/** Writes `n` JSONL support conversations of about 400 bytes each. Resolves with the byte count. */
export async function generateRecords(path, n, seed = 42) {
  const r = rng(seed);
  const out = createWriteStream(path);
  let bytes = 0;
  let buf = '';
  for (let i = 0; i < n; i++) {
    const line = JSON.stringify({
      id: `conv-${i}`,
      language: LANGS[i % LANGS.length],
      intent: INTENTS[Math.floor(r() * INTENTS.length)],
      messages: [
        { role: 'user', content: sentence(r, 18) },
        { role: 'assistant', content: sentence(r, 24) },
      ],
    });
    buf += `${line}\n`;
    if (buf.length > 1 << 20) {
      bytes += Buffer.byteLength(buf);
      if (!out.write(buf)) await new Promise((ok) => out.once('drain', ok));
      buf = '';
    }
  }
  bytes += Buffer.byteLength(buf);
  out.write(buf);
  await new Promise((ok) => out.end(ok));
  return bytes;
}
