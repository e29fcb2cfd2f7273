// Support-chat text with sparse PII for the PII benchmarks (bench/pii.bench.mjs, bench/pii-hash.bench.mjs).
import { rng as prng } from './rng.mjs';

// Realistic mixed text with sparse PII: support-chat records in English, Spanish, French and German with
// the numbers such text carries (order numbers, prices, dates, times, quantities, versions), and in about
// 4% of sentences one piece of PII. Seeded: the same seed gives the same text on every machine.

const SENTENCES = [
  'Thanks for reaching out about order #{order}, we are looking into it right now.',
  'Your package left our warehouse on {date} and should arrive within {n} business days.',
  'The total came to {price} including shipping and taxes.',
  'I bought {n} pairs of running shoes but only {m} arrived in the box.',
  'Could you please check why the refund of {price} has not reached my account yet?',
  'Our support team is available from {time} to {time2} on weekdays.',
  'Please update the app to version {version} and restart your phone before trying again.',
  'The item you returned was received at our returns centre and is being inspected.',
  'We apologise for the delay; the carrier reported a problem with the delivery address.',
  'Is it possible to exchange the jacket for a larger size without paying shipping again?',
  'Tracking number {order}{n} shows the parcel is still in transit.',
  'According to our policy, refunds are issued within 30 days of the purchase date.',
  'Gracias por contactarnos, su pedido {order} fue enviado el {date}.',
  'El reembolso de {price} se procesará en un plazo de {n} días hábiles.',
  'Merci pour votre message, nous avons bien reçu votre retour du {date}.',
  'Le colis contient {n} articles pour un montant de {price}.',
  'Vielen Dank für Ihre Nachricht, Ihre Bestellung {order} wird heute versendet.',
  'Die Rückerstattung von {price} erfolgt innerhalb von {n} Werktagen.',
  'I have been a customer for {n} years and this is the first time something went wrong.',
  'The discount code SPRING{n} gives you 15% off your next order over {price}.',
  'Meeting notes: the Q{m} roadmap review moved to {date} at {time}.',
  'Can you confirm that the warranty covers water damage for {n} months?',
];

const PII = [
  () => 'You can email me at {first}.{last}@example.com if anything changes.',
  () => 'My phone number is (415) 555-{d4}, call me after five.',
  () => 'Reach me on +44 20 7946 {d4} during office hours.',
  () => 'My name is {First} {Last} and I placed the order last week.',
  () => 'Please charge the card 4111 1111 1111 1111 again.',
  () => 'Transfer it to DE89 3704 0044 0532 0130 00 please.',
  () => 'Ship it to {n}{m} Maple Street, Springfield, IL 62704.',
  () => 'The server at 10.0.{m}.{n} keeps timing out.',
  () => 'See https://shop.example.com/orders/{order} for details.',
  () => 'Regards,\n{First} {Last}',
  () => 'DOB: 12/03/19{m}{n}',
  () => 'api_key = sk-proj-9fA3kLm02QxZ7pRt5sWv8YbN{d4}',
];

const FIRST = ['Maria', 'John', 'Aisha', 'Wei', 'Sofia', 'Lucas', 'Priya', 'Ahmed', 'Emma', 'Kenji'];
const LAST = ['Garcia', 'Smith', 'Khan', 'Chen', 'Rossi', 'Muller', 'Patel', 'Hassan', 'Brown', 'Tanaka'];

/** Records of ~`avg` characters until `totalBytes` (UTF-8) is reached. Returns { records, bytes, piiSentences }. */
export function generatePiiText(totalBytes, seed = 42, avg = 600, piiRate = 0.04) {
  const r = prng(seed);
  const int = (n) => Math.floor(r() * n);
  const pick = (a) => a[int(a.length)];
  const fill = (s) =>
    s
      .replace(/\{order\}/g, () => String(100000 + int(900000)))
      .replace(/\{date\}/g, () => `${1 + int(28)}/${1 + int(12)}/202${int(5)}`)
      .replace(/\{price\}/g, () => `$${int(400)}.${String(int(100)).padStart(2, '0')}`)
      .replace(/\{time2?\}/g, () => `${8 + int(10)}:${pick(['00', '30'])}`)
      .replace(/\{version\}/g, () => `${1 + int(9)}.${int(20)}.${int(10)}`)
      .replace(/\{n\}/g, () => String(1 + int(9)))
      .replace(/\{m\}/g, () => String(int(10)))
      .replace(/\{d4\}/g, () => String(1000 + int(9000)))
      .replace(/\{First\}/g, () => pick(FIRST))
      .replace(/\{Last\}/g, () => pick(LAST))
      .replace(/\{first\}/g, () => pick(FIRST).toLowerCase())
      .replace(/\{last\}/g, () => pick(LAST).toLowerCase());
  const records = [];
  let bytes = 0;
  let piiSentences = 0;
  while (bytes < totalBytes) {
    let text = '';
    while (text.length < avg * (0.5 + r())) {
      if (r() < piiRate) {
        text += `${fill(pick(PII)())} `;
        piiSentences++;
      } else text += `${fill(pick(SENTENCES))} `;
    }
    text = text.trimEnd();
    records.push(text);
    bytes += Buffer.byteLength(text);
  }
  return { records, bytes, piiSentences };
}
