import { describe, expect, it } from 'vitest';
import {
  buildContaminationIndex,
  ContaminationIndex,
  type EvalItem,
  normalizedWords,
} from '../../src/text/decontaminate.js';

const ITEMS: EvalItem[] = [
  {
    id: 'mmlu-1',
    text: 'Which of the following best describes the primary function of mitochondria in eukaryotic cells? (A) protein synthesis (B) energy production (C) lipid storage (D) cell division',
  },
  {
    id: 'gsm8k-7',
    text: 'Natalia sold clips to 48 of her friends in April, and then she sold half as many clips in May. How many clips did Natalia sell altogether in April and May?',
  },
  { id: 'short', text: 'What is the capital of France?' },
];

/** The first k normalised words of an item, as they would appear in a scraped page. */
function firstWords(item: EvalItem, k: number): string {
  return item.text.split(/\s+/).slice(0, k).join(' ');
}

describe('normalizedWords', () => {
  it('applies NFKC, lower-cases, splits on punctuation, makes each CJK character a word', () => {
    expect(normalizedWords("Don't STOP—ｂｅｌｉｅｖｉｎｇ, 3.14!")).toEqual([
      'don',
      't',
      'stop',
      'believing',
      '3',
      '14',
    ]);
    expect(normalizedWords('今日は晴れ。Café')).toEqual(['今', '日', 'は', '晴', 'れ', 'café']);
  });
});

describe('ContaminationIndex', () => {
  const index = buildContaminationIndex(ITEMS);

  it('indexes items and lists those shorter than n', () => {
    expect(index.n).toBe(13);
    expect(index.items).toBe(2);
    expect(index.skipped).toEqual(['short']);
    expect(index.size).toBe(
      normalizedWords(ITEMS[0]!.text).length - 12 + normalizedWords(ITEMS[1]!.text).length - 12,
    );
  });

  it('names the item a text shares a 13-gram with, whatever the case and punctuation', () => {
    const gsm = ITEMS[1]!;
    const page = `Homework help!!! ${firstWords(gsm, 13).toUpperCase().replaceAll(' ', ' … ')} Thanks in advance.`;
    expect(index.findContamination(page)).toEqual([
      {
        evalId: 'gsm8k-7',
        ngram: 'natalia sold clips to 48 of her friends in april and then she',
        overlap: 1,
        fraction: 1 / (normalizedWords(gsm.text).length - 12),
      },
    ]);
  });

  it('ignores a 12-gram overlap', () => {
    const page = `Homework help: ${firstWords(ITEMS[1]!, 12)} nobody knows.`;
    expect(normalizedWords(firstWords(ITEMS[1]!, 12))).toHaveLength(12);
    expect(index.findContamination(page)).toEqual([]);
  });

  it('counts distinct shared n-grams and the fraction of the item they cover', () => {
    const mmlu = ITEMS[0]!;
    const all = index.findContamination(`Quiz. ${mmlu.text} Answer: B.`);
    const total = normalizedWords(mmlu.text).length - 12;
    expect(all).toEqual([expect.objectContaining({ evalId: 'mmlu-1', overlap: total, fraction: 1 })]);
    const fifteen = index.findContamination(firstWords(mmlu, 15));
    expect(fifteen).toEqual([expect.objectContaining({ evalId: 'mmlu-1', overlap: 3 })]);
    // A text repeating the same 13 words twice still shares one distinct n-gram.
    const twice = index.findContamination(`${firstWords(mmlu, 13)}. ${firstWords(mmlu, 13)}.`);
    expect(twice[0]?.overlap).toBe(1);
    expect(index.findContamination(firstWords(mmlu, 15), { minOverlap: 4 })).toEqual([]);
  });

  it('reports every item that shares an n-gram, most overlap first', () => {
    const shared = 'the quick brown fox jumps over the lazy dog near the river bank today';
    const idx = buildContaminationIndex([
      { id: 'a', text: `Intro words here. ${shared}` },
      { id: 'b', text: `${shared} and then some more words after it.` },
      {
        id: 'c',
        text: 'Completely unrelated text about cooking pasta with fresh tomatoes and basil leaves.',
      },
    ]);
    const hits = idx.findContamination(`Yesterday ${shared} and then some more words`);
    expect(hits.map((h) => h.evalId)).toEqual(['b', 'a']);
    expect(hits[0]!.overlap).toBeGreaterThan(hits[1]!.overlap);
  });

  it('takes n', () => {
    const idx = new ContaminationIndex({ n: 5 }).addAll(ITEMS);
    expect(idx.skipped).toEqual([]);
    expect(idx.findContamination('Trivia night: what is the capital of France? Paris!')).toEqual([
      expect.objectContaining({ evalId: 'short', ngram: 'what is the capital of' }),
    ]);
    expect(() => new ContaminationIndex({ n: 0 })).toThrow(RangeError);
  });

  it('treats each CJK character as a word: 13 shared characters match, 12 do not', () => {
    const zh = { id: 'cmmlu-3', text: '下列哪一项最能说明线粒体在真核细胞中的主要功能' };
    const idx = buildContaminationIndex([zh]);
    expect(idx.findContamination(`请问${zh.text.slice(0, 13)}呢`)).toEqual([
      expect.objectContaining({ evalId: 'cmmlu-3', ngram: [...zh.text.slice(0, 13)].join(' ') }),
    ]);
    expect(idx.findContamination(`请问${zh.text.slice(0, 12)}呢`)).toEqual([]);
  });

  it('finds every item after the table has grown many times', () => {
    const idx = new ContaminationIndex();
    const items: EvalItem[] = [];
    let seed = 12345;
    const next = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed >>> 8;
    };
    for (let i = 0; i < 1500; i++) {
      const text = Array.from({ length: 40 }, () => `w${next() % 1_000_000}`).join(' ');
      items.push({ id: `item-${i}`, text });
      idx.add(items[i]!);
    }
    expect(idx.size).toBe(1500 * 28);
    for (const i of [0, 1, 777, 1499]) {
      const hits = idx.findContamination(`prefix ${items[i]!.text} suffix`);
      expect(hits).toEqual([expect.objectContaining({ evalId: `item-${i}`, overlap: 28, fraction: 1 })]);
    }
    expect(idx.findContamination(Array.from({ length: 40 }, (_, j) => `w${j}`).join(' '))).toEqual([]);
  });
});
