import { answerKey } from '../../core/answer-compare.js';
import { own } from '../../core/own.js';
import type { QuestionSettings } from '../../core/questions.js';
import { type Judgement, type Level, reliabilityData } from '../../stats/agreement/data.js';
import { judgementsOf, questionAgreement } from '../../stats/agreement/question-agreement.js';
import { type GoldAccuracy, goldAccuracy } from '../../stats/gold-accuracy.js';
import { wilsonInterval } from '../../stats/intervals.js';
import type { Dataset } from '../../store/datasets.js';
import type { AnnotationAnswer } from '../../store/quality-reads.js';
import type { Store } from '../../store/store.js';

export interface QuestionQa {
  question: string;
  type: QuestionSettings['type'];
  /** Records with at least two answers to this question. */
  items: number;
  /** Krippendorff's alpha at the question's level with a 95% bootstrap interval, when defined. */
  agreement: { level: Level; alpha: number; interval: [number, number] | null } | null;
  /** Why there is no agreement figure, when there is none. */
  note?: string;
  /** How often each answer was given (label, rating, preference choice; multi-label per label). */
  distribution: { value: string; count: number; share: number }[];
}

export interface AnnotatorQa {
  username: string;
  records: number;
  discarded: number;
  medianTimeMs: number | null;
  gold: GoldAccuracy | null;
  /** How often their answer matched the majority of the others on the same record and question. */
  consensus: { compared: number; agreed: number; rate: number | null; interval: [number, number] | null };
  paused: string | null;
}

export interface QaReport {
  dataset: string;
  records: number;
  /** Records with at least one answer (gold records left out of every figure but gold accuracy). */
  answered: number;
  questions: QuestionQa[];
  annotators: AnnotatorQa[];
  /** The most disputed records still undecided: the head of the reviewers' (adjudication) queue. */
  disputed: { id: number; externalId: string; disagreement: number; status: string }[];
  secondReview: {
    reviewed: number;
    disagreed: number;
    errorRate: number | null;
    interval: [number, number] | null;
  };
}

type Answer = AnnotationAnswer;

/**
 * The numbers that say how right a dataset is: agreement per question with its interval and the
 * answers' distribution; per annotator records done, time per record, accuracy on gold and agreement
 * with the consensus; the most disputed records; the second review's estimate of the error rate of
 * accepted records. Reads the answers a page of records at a time.
 */
export async function datasetQa(
  store: Store,
  dataset: Dataset,
  opts: { disputed?: number } = {},
): Promise<QaReport> {
  const settings = dataset.settings;
  const answers: Answer[] = [];
  for await (const page of store.quality.annotationAnswers(dataset.id)) for (const a of page) answers.push(a);

  const byRecord = new Map<number, Answer[]>();
  for (const a of answers) {
    const list = byRecord.get(a.record);
    if (list) list.push(a);
    else byRecord.set(a.record, [a]);
  }

  const questions = settings.questions.map((q) => questionQa(q, answers));
  const gold = goldAccuracy(settings, await store.gold.answers(dataset.id));
  const pausedBy = new Map((await store.members.paused(dataset.id)).map((p) => [p.username, p.reason]));

  const byUser = new Map<string, Answer[]>();
  for (const a of answers) {
    const list = byUser.get(a.user);
    if (list) list.push(a);
    else byUser.set(a.user, [a]);
  }
  const users = [...new Set([...byUser.keys(), ...gold.map((g) => g.username), ...pausedBy.keys()])].sort();
  const annotators = users.map((username): AnnotatorQa => {
    const mine = byUser.get(username) ?? [];
    const times = mine
      .filter((a) => a.status === 'submitted')
      .map((a) => a.time)
      .sort((x, y) => x - y);
    const consensus = consensusOf(settings.questions, username, mine, byRecord);
    return {
      username,
      records: mine.length,
      discarded: mine.filter((a) => a.status === 'discarded').length,
      medianTimeMs: times.length ? median(times) : null,
      gold: gold.find((g) => g.username === username) ?? null,
      consensus,
      paused: pausedBy.get(username) ?? null,
    };
  });

  const disputed = await store.quality.disputed(dataset.id, opts.disputed ?? 10);
  const { reviewed, disagreed } = await store.quality.secondReviewTally(dataset.id);

  return {
    dataset: dataset.name,
    records: await store.quality.countOrdinary(dataset.id),
    answered: byRecord.size,
    questions,
    annotators,
    disputed,
    secondReview: {
      reviewed,
      disagreed,
      errorRate: reviewed ? disagreed / reviewed : null,
      interval: reviewed ? wilsonInterval(disagreed, reviewed) : null,
    },
  };
}

function questionQa(q: QuestionSettings, answers: Answer[]): QuestionQa {
  const counts = new Map<string, number>();
  const judgements: Judgement[] = [];
  const perRecord = new Map<number, number>();
  for (const a of answers) {
    const v = own(a.values, q.name);
    if (a.status !== 'submitted' || v === undefined) continue;
    perRecord.set(a.record, (perRecord.get(a.record) ?? 0) + 1);
    const shown = distributionValues(q, v);
    for (const s of shown) counts.set(s, (counts.get(s) ?? 0) + 1);
    judgements.push(...judgementsOf(q, a.record, a.user, v));
  }
  const given = [...counts.values()].reduce((x, y) => x + y, 0);
  const distribution = [...counts.entries()]
    .map(([value, count]) => ({ value, count, share: given ? count / given : 0 }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  const items = [...perRecord.values()].filter((n) => n >= 2).length;
  const base = { question: q.name, type: q.type, items, distribution };
  const r = questionAgreement(q, items, () => reliabilityData(judgements));
  return 'note' in r ? { ...base, agreement: null, note: r.note } : { ...base, agreement: r };
}

function distributionValues(q: QuestionSettings, v: unknown): string[] {
  switch (q.type) {
    case 'label':
    case 'rating':
      return [String(v)];
    case 'multi_label':
      return v as string[];
    case 'preference':
      return [(v as { choice: string }).choice];
    default:
      return [];
  }
}

/** Their answer against the most common answer of the others, where the others have one. */
function consensusOf(
  questions: QuestionSettings[],
  username: string,
  mine: Answer[],
  byRecord: Map<number, Answer[]>,
): AnnotatorQa['consensus'] {
  let compared = 0;
  let agreed = 0;
  for (const a of mine) {
    if (a.status !== 'submitted') continue;
    const others = (byRecord.get(a.record) ?? []).filter(
      (o) => o.user !== username && o.status === 'submitted',
    );
    for (const q of questions) {
      if (own(a.values, q.name) === undefined) continue;
      const keys = others
        .filter((o) => own(o.values, q.name) !== undefined)
        .map((o) => answerKey(q, own(o.values, q.name)));
      if (keys.length === 0) continue;
      const counts = new Map<string, number>();
      for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
      const top = Math.max(...counts.values());
      compared++;
      if ((counts.get(answerKey(q, own(a.values, q.name))) ?? 0) === top) agreed++;
    }
  }
  return {
    compared,
    agreed,
    rate: compared ? agreed / compared : null,
    interval: compared ? wilsonInterval(agreed, compared) : null,
  };
}

function median(sorted: number[]): number {
  const m = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[m]! : Math.round((sorted[m - 1]! + sorted[m]!) / 2);
}
