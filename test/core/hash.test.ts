import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash, sha256 } from '../../src/core/hash.js';
import { seededRandom } from '../../src/core/random.js';

/** What canonicalJson promises, written the plain way: keys sorted by Array#sort at every depth. */
function reference(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value))
    return `[${value.map((v) => (v === undefined ? 'null' : reference(v))).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${reference(obj[k])}`).join(',')}}`;
}

describe('canonicalJson', () => {
  it('sorts keys as Array#sort does, for small objects (sorted in place) and large ones', () => {
    const random = seededRandom(7);
    const alphabet = ['a', 'B', 'ä', 'z', '_', '10', '9', 'aa', 'é', '😀', 'role', 'content'];
    for (let n = 0; n < 500; n++) {
      const size = random.below(24);
      const obj: Record<string, unknown> = {};
      for (let i = 0; i < size; i++) {
        const key = `${alphabet[random.below(alphabet.length)]}${random.below(3) === 0 ? random.below(50) : ''}`;
        obj[key] = random.below(4) === 0 ? { y: i, x: [i, { b: 1, a: 2 }] } : i;
      }
      expect(canonicalJson(obj)).toBe(reference(obj));
    }
  });

  it('writes an object whose keys were inserted sorted the same as one whose keys were not', () => {
    expect(
      canonicalJson({ format: null, messages: [{ role: 'user', content: 'hi' }], params: {}, provider: 'p' }),
    ).toBe(
      canonicalJson({ provider: 'p', params: {}, format: null, messages: [{ content: 'hi', role: 'user' }] }),
    );
  });

  it('hashes text as UTF-8, the same digest createHash gives', () => {
    for (const text of ['', 'Name a tent.', 'Zelt für zwei — 😀, 日本語']) {
      expect(sha256(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    }
    expect(contentHash({ b: 'ä', a: 1 })).toBe(
      createHash('sha256').update('{"a":1,"b":"ä"}').digest('hex').slice(0, 32),
    );
  });
});
