/**
 * Writes a tiny token-classification model to disk, in the layout transformers.js loads offline
 * (config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx), for tests of the model-based
 * PII recognizer's plumbing. The ONNX graph is one Gather: logits = table[input_ids], a row of label
 * scores per vocabulary word, chosen so that the listed words come out as B-PER/I-PER or B-LOC and
 * every other word as O. The protobuf is encoded by hand (ModelProto, onnx.proto3 field numbers).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const TINY_LABELS = ['O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC', 'B-ORG', 'I-ORG'] as const;
type Label = (typeof TINY_LABELS)[number];

// ── protobuf wire format ─────────────────────────────────────────────────────────────────────────────
const varint = (n: number | bigint): number[] => {
  let v = BigInt(n);
  const out: number[] = [];
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) b |= 0x80;
    out.push(b);
  } while (v > 0n);
  return out;
};
const key = (field: number, wire: number) => varint((field << 3) | wire);
const int = (field: number, n: number | bigint) => [...key(field, 0), ...varint(n)];
const bytes = (field: number, b: Uint8Array | number[]) => [...key(field, 2), ...varint(b.length), ...b];
const str = (field: number, s: string) => bytes(field, [...Buffer.from(s, 'utf8')]);
const msg = (field: number, parts: number[][]) => bytes(field, parts.flat());

const INT64 = 7;
const FLOAT = 1;

/** ValueInfoProto with a tensor type of symbolic shape [batch, sequence(, labels)]. */
function valueInfo(field: number, name: string, elemType: number, dims: Array<string | number>): number[] {
  const dim = (d: string | number) => msg(1, [typeof d === 'string' ? str(2, d) : int(1, d)]);
  const shape = msg(2, dims.map(dim));
  const tensorType = msg(1, [int(1, elemType), shape]);
  return msg(field, [str(1, name), msg(2, [tensorType])]);
}

function modelProto(vocabSize: number, table: Float32Array): Uint8Array {
  const labels = TINY_LABELS.length;
  const initializer = msg(5, [
    int(1, vocabSize),
    int(1, labels),
    int(2, FLOAT),
    str(8, 'table'),
    bytes(9, [...new Uint8Array(table.buffer)]),
  ]);
  const gather = msg(1, [
    str(1, 'table'),
    str(1, 'input_ids'),
    str(2, 'logits'),
    str(3, 'gather'),
    str(4, 'Gather'),
  ]);
  const graph = msg(7, [
    gather,
    str(2, 'tiny-ner'),
    initializer,
    valueInfo(11, 'input_ids', INT64, ['batch', 'sequence']),
    valueInfo(11, 'attention_mask', INT64, ['batch', 'sequence']),
    valueInfo(12, 'logits', FLOAT, ['batch', 'sequence', labels]),
  ]);
  return new Uint8Array(
    [...int(1, 8), str(2, 'tandem-test'), graph, msg(8, [str(1, ''), int(2, 13)])].flat(),
  );
}

/**
 * Writes the model to `dir`. `words` gives the label of each known (lowercase) word; every other word
 * is [UNK] and labelled O. Returns `dir`.
 */
export function writeTinyNerModel(dir: string, words: Record<string, Label>): string {
  const vocab: Record<string, number> = { '[UNK]': 0, '[PAD]': 1 };
  for (const w of Object.keys(words)) vocab[w] = Object.keys(vocab).length;
  const size = Object.keys(vocab).length;
  const table = new Float32Array(size * TINY_LABELS.length);
  for (let id = 0; id < size; id++) {
    const word = Object.keys(vocab)[id]!;
    const label = words[word] ?? 'O';
    table[id * TINY_LABELS.length + TINY_LABELS.indexOf(label)] = 8; // softmax ≈ 0.99 for that label
  }
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  writeFileSync(join(dir, 'onnx', 'model.onnx'), modelProto(size, table));
  const id2label = Object.fromEntries(TINY_LABELS.map((l, i) => [String(i), l]));
  const label2id = Object.fromEntries(TINY_LABELS.map((l, i) => [l, i]));
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ model_type: 'bert', id2label, label2id }));
  writeFileSync(
    join(dir, 'tokenizer.json'),
    JSON.stringify({
      version: '1.0',
      truncation: null,
      padding: null,
      added_tokens: [
        {
          id: 0,
          content: '[UNK]',
          single_word: false,
          lstrip: false,
          rstrip: false,
          normalized: false,
          special: true,
        },
        {
          id: 1,
          content: '[PAD]',
          single_word: false,
          lstrip: false,
          rstrip: false,
          normalized: false,
          special: true,
        },
      ],
      normalizer: { type: 'Lowercase' },
      pre_tokenizer: { type: 'Whitespace' },
      post_processor: null,
      decoder: null,
      model: { type: 'WordLevel', vocab, unk_token: '[UNK]' },
    }),
  );
  writeFileSync(
    join(dir, 'tokenizer_config.json'),
    JSON.stringify({
      tokenizer_class: 'PreTrainedTokenizer',
      unk_token: '[UNK]',
      pad_token: '[PAD]',
      do_lower_case: true,
    }),
  );
  return dir;
}
