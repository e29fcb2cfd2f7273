/**
 * The optional model-based PII recognizer, as Presidio offers one: a token-classification (NER) model
 * run in-process by transformers.js (`@huggingface/transformers`, on ONNX Runtime for Node), from a
 * folder on disk (config.json with id2label, tokenizer.json, onnx/model.onnx), never from the network.
 * Its PER spans are PERSON findings and its LOC/GPE spans LOCATION findings, kept when the model's
 * score reaches the threshold, and merged with the rule-based findings by the analyzer's overlap rule.
 *
 * The engine is large (~470 MB with ONNX Runtime), so, like the llama.cpp engine, it is not a
 * dependency: it is looked for where Node would find it, then in an engines folder
 * (`TANDEM_ENGINES_DIR`, else `.engines/` in the working directory or in Tandem's own folder), and a
 * clear message says how to install it when it is missing.
 */

import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { engineLoader, locateEnginePackage, missingEngineMessage } from '../../core/engines.js';
import { resolveOverlaps } from './analyze.js';
import type { Entity, EntityType } from './types.js';

export const MODEL_ENGINE = '@huggingface/transformers';
export const MODEL_ENGINE_VERSION = '4.3.2';
export const MODEL_ENGINE_INSTALL = `npm install --no-save --ignore-scripts --prefix .engines ${MODEL_ENGINE}@${MODEL_ENGINE_VERSION}`;
export const DEFAULT_MODEL_THRESHOLD = 0.8;

/** Entity labels of common NER models (CoNLL, OntoNotes, WikiANN) and the PII type each is. */
const LABEL_TYPES: Record<string, EntityType> = {
  PER: 'PERSON',
  PERSON: 'PERSON',
  LOC: 'LOCATION',
  GPE: 'LOCATION',
};

/** Characters per model call: long texts are cut at a space into windows of about this size. */
const WINDOW = 1000;

export interface PiiModelOptions {
  /** The model folder. */
  path: string;
  /** Findings the model scores below this are dropped. Default 0.8. */
  threshold?: number;
}

export interface PiiModel {
  readonly path: string;
  readonly threshold: number;
  /** PERSON and LOCATION findings of the model in `text`, at or above the threshold. */
  find(text: string): Promise<Entity[]>;
}

/** The slice of transformers.js used here. */
interface Tensor {
  dims: number[];
  data: ArrayLike<number>;
  tolist(): unknown[];
}
interface Tokenizer {
  (
    texts: string[],
    o: { padding: boolean; truncation: boolean },
  ): { input_ids: Tensor[] } & Record<string, unknown>;
  decode(ids: bigint[], o: { skip_special_tokens: boolean }): string;
  all_special_ids?: number[];
}
interface TokenModel {
  (inputs: unknown): Promise<{ logits: Tensor & Tensor[][] }>;
  config: { id2label?: Record<string, string> };
}
interface Transformers {
  env: { allowRemoteModels: boolean; localModelPath: string };
  AutoTokenizer: { from_pretrained(id: string): Promise<Tokenizer> };
  AutoModelForTokenClassification: { from_pretrained(id: string, o: { dtype: string }): Promise<TokenModel> };
}

/** The engine's entry file, or undefined when it is installed nowhere we look. */
export function locateModelEngine(dirs?: string[]): string | undefined {
  return locateEnginePackage(MODEL_ENGINE, dirs);
}

export class MissingModelEngine extends Error {
  constructor() {
    super(
      `${missingEngineMessage('the PII model', MODEL_ENGINE, MODEL_ENGINE_INSTALL)}. If .engines also holds node-llama-cpp, name both packages in one command: a --no-save install removes what an earlier one put there.`,
    );
    this.name = 'MissingModelEngine';
  }
}

const load = engineLoader<Transformers>(MODEL_ENGINE);
const loadEngine = () => load(() => new MissingModelEngine());

/** Loads the model at `o.path` (offline: remote models are turned off). */
export async function loadPiiModel(o: PiiModelOptions): Promise<PiiModel> {
  const threshold = o.threshold ?? DEFAULT_MODEL_THRESHOLD;
  if (!(threshold >= 0 && threshold <= 1))
    throw new RangeError(`model threshold must be in [0, 1], got ${threshold}`);
  const dir = resolve(o.path);
  if (!existsSync(join(dir, 'config.json')) || !existsSync(join(dir, 'tokenizer.json'))) {
    throw new Error(
      `no token-classification model in ${dir}: config.json and tokenizer.json are expected there`,
    );
  }
  const tf = await loadEngine();
  tf.env.allowRemoteModels = false;
  tf.env.localModelPath = `${dirname(dir)}/`;
  const tokenizer = await tf.AutoTokenizer.from_pretrained(basename(dir));
  const model = await tf.AutoModelForTokenClassification.from_pretrained(basename(dir), { dtype: 'fp32' });
  const id2label = model.config.id2label ?? {};
  return {
    path: dir,
    threshold,
    async find(text: string): Promise<Entity[]> {
      const out: Entity[] = [];
      for (const [from, to] of windows(text)) {
        const tokens = await labelTokens(text.slice(from, to), tokenizer, model, id2label);
        for (const e of spansOf(text, tokens, from)) if (e.score >= threshold) out.push(e);
      }
      return out;
    },
  };
}

/** [start, end) windows of about WINDOW characters, cut at whitespace. */
export function windows(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + WINDOW);
    if (end < text.length) {
      const cut = text.lastIndexOf(' ', end);
      if (cut > start) end = cut;
    }
    out.push([start, end]);
    start = end;
  }
  return out;
}

export interface LabelledToken {
  /** The token as the tokenizer decodes it alone (a WordPiece '##' or SentencePiece '▁' is removed). */
  surface: string;
  label: string;
  score: number;
}

async function labelTokens(
  text: string,
  tokenizer: Tokenizer,
  model: TokenModel,
  id2label: Record<string, string>,
): Promise<LabelledToken[]> {
  const inputs = tokenizer([text], { padding: true, truncation: true });
  const ids = inputs.input_ids[0]!.tolist() as bigint[];
  const { logits } = await model(inputs);
  const [, seq, labels] = logits.dims as [number, number, number];
  const data = logits.data;
  const special = new Set((tokenizer.all_special_ids ?? []).map(Number));
  const out: LabelledToken[] = [];
  for (let j = 0; j < seq; j++) {
    let best = 0;
    let max = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < labels; k++) {
      const v = data[j * labels + k]!;
      if (v > max) [max, best] = [v, k];
    }
    let sum = 0;
    for (let k = 0; k < labels; k++) sum += Math.exp(data[j * labels + k]! - max);
    const surface = special.has(Number(ids[j]))
      ? ''
      : tokenizer
          .decode([ids[j]!], { skip_special_tokens: true })
          .replace(/^(?:##|▁|Ġ)/, '')
          .trim();
    out.push({ surface, label: id2label[String(best)] ?? 'O', score: 1 / sum });
  }
  return out;
}

/**
 * Groups labelled tokens into PERSON and LOCATION spans of `text` (B-/I- tags; a bare tag continues a
 * span of the same type). Each token is found in the text from where the previous one ended (case
 * folded); tokens that cannot be found (unknown or special tokens) are passed over. A span's score is
 * its lowest token score. `offset` is added to every position.
 */
export function spansOf(text: string, tokens: readonly LabelledToken[], offset = 0): Entity[] {
  const lower = text.toLowerCase();
  const out: Entity[] = [];
  let cursor = offset;
  let open: { type: EntityType; start: number; end: number; score: number } | undefined;
  const close = () => {
    if (open)
      out.push({
        type: open.type,
        start: open.start,
        end: open.end,
        text: text.slice(open.start, open.end),
        score: Math.round(open.score * 1e4) / 1e4,
      });
    open = undefined;
  };
  for (const t of tokens) {
    if (!t.surface) continue;
    const at = lower.indexOf(t.surface.toLowerCase(), cursor);
    if (at < 0 || at - cursor > 200) continue;
    const end = at + t.surface.length;
    cursor = end;
    const dash = t.label.indexOf('-');
    const prefix = dash === 1 ? t.label[0] : 'I';
    const type = LABEL_TYPES[dash === 1 ? t.label.slice(2) : t.label];
    if (!type) {
      close();
      continue;
    }
    // A word piece glued to the previous token continues its span whatever its tag says.
    const glued = open && at === open.end;
    if (open && open.type === type && (prefix !== 'B' || glued)) {
      open.end = end;
      open.score = Math.min(open.score, t.score);
    } else {
      close();
      open = { type, start: at, end, score: t.score };
    }
  }
  close();
  return out;
}

/** Rule-based findings merged with the model's (of the wanted types), overlaps resolved as in analyze(). */
export function mergeFindings(
  rules: readonly Entity[],
  model: readonly Entity[],
  entities?: readonly EntityType[],
): Entity[] {
  const wanted = entities ? new Set(entities) : undefined;
  return resolveOverlaps([...rules, ...model.filter((e) => !wanted || wanted.has(e.type))]);
}
