import type { SketchBatch } from './sketch.js';

/**
 * Sketches as bytes, so that the shards of a check run (other processes, other machines) can hand
 * them to the step that clusters them: a JSON header (counts, and whatever the caller attaches per
 * document) then the typed arrays, 4-byte aligned.
 */

const MAGIC = 0x54534b31; // "TSK1"
const ARRAYS = ['keys', 'sizes', 'bandHashes', 'offsets', 'shingles', 'signatures'] as const;

export function encodeSketches<M>(batch: SketchBatch, meta: M): Uint8Array {
  const present = ARRAYS.filter((k) => batch[k] !== undefined);
  const header = new TextEncoder().encode(
    JSON.stringify({ count: batch.count, arrays: present.map((k) => [k, batch[k]!.length]), meta }),
  );
  const headerWords = Math.ceil(header.length / 4);
  const words = 2 + headerWords + present.reduce((s, k) => s + batch[k]!.length, 0);
  const out = new Uint32Array(words);
  out[0] = MAGIC;
  out[1] = header.length;
  new Uint8Array(out.buffer, 8, header.length).set(header);
  let at = 2 + headerWords;
  for (const k of present) {
    out.set(batch[k]!, at);
    at += batch[k]!.length;
  }
  return new Uint8Array(out.buffer);
}

export function decodeSketches<M>(bytes: Uint8Array): { batch: SketchBatch; meta: M } {
  // Copy into an aligned buffer: a database driver's Buffer may start at any offset.
  const words = new Uint32Array(bytes.byteLength / 4);
  new Uint8Array(words.buffer).set(bytes);
  if (words[0] !== MAGIC) throw new Error('not a sketch shard');
  const headerLength = words[1]!;
  const header = JSON.parse(new TextDecoder().decode(new Uint8Array(words.buffer, 8, headerLength))) as {
    count: number;
    arrays: [(typeof ARRAYS)[number], number][];
    meta: M;
  };
  let at = 2 + Math.ceil(headerLength / 4);
  const batch: SketchBatch = {
    count: header.count,
    keys: new Uint32Array(0),
    sizes: new Uint32Array(0),
    bandHashes: new Uint32Array(0),
  };
  for (const [k, n] of header.arrays) {
    batch[k] = words.subarray(at, at + n);
    at += n;
  }
  return { batch, meta: header.meta };
}

/** Batches joined into one, documents in order (offsets into the shingles shift accordingly). */
export function concatSketches(batches: readonly SketchBatch[]): SketchBatch {
  const join = (k: 'keys' | 'sizes' | 'bandHashes' | 'shingles' | 'signatures') => {
    if (batches.some((b) => b[k] === undefined)) return undefined;
    const out = new Uint32Array(batches.reduce((s, b) => s + b[k]!.length, 0));
    let at = 0;
    for (const b of batches) {
      out.set(b[k]!, at);
      at += b[k]!.length;
    }
    return out;
  };
  const count = batches.reduce((s, b) => s + b.count, 0);
  const out: SketchBatch = {
    count,
    keys: join('keys')!,
    sizes: join('sizes')!,
    bandHashes: join('bandHashes')!,
  };
  const shingles = join('shingles');
  if (shingles && batches.every((b) => b.offsets)) {
    const offsets = new Uint32Array(count + 1);
    let doc = 0;
    let base = 0;
    for (const b of batches) {
      for (let i = 0; i < b.count; i++) offsets[doc++] = base + b.offsets![i]!;
      base += b.shingles!.length;
    }
    offsets[count] = base;
    out.offsets = offsets;
    out.shingles = shingles;
  }
  const signatures = join('signatures');
  if (signatures) out.signatures = signatures;
  return out;
}
