import { sql } from 'kysely';
import { answerKey } from '../../core/answer-compare.js';
import type { QuestionSettings } from '../../core/questions.js';
import { computeAgreement } from '../../stats/agreement/compute.js';
import { type Judgement, type Level, reliabilityData } from '../../stats/agreement/data.js';
import { type GoldAccuracy, goldAccuracy } from '../../stats/gold-accuracy.js';
import { wilsonInterval } from '../../stats/intervals.js';
import type { Ctx } from '../../store/context.js';
import type { Dataset } from '../../store/datasets.js';
import { readJson } from '../../store/dialect.js';
import { goldAnswers } from '../../store/gold.js';
import { ANNOTATION_ROUND } from '../../store/queue.js';

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

const LEVEL: Partial<Record<QuestionSettings['type'], Level>> = {
  label: 'nominal',
  multi_label: 'nominal',
  rating: 'ordinal',
  preference: 'nominal',
};

interface Answer {
  record: number;
  user: string;
  status: string;
  values: Record<string, unknown>;
  time: number;
}

/**
 * The numbers that say how right a dataset is: agreement per question with its interval and the
 * answers' distribution; per annotator records done, time per record, accuracy on gold and agreement
 * with the consensus; the most disputed records; the second review's estimate of the error rate of
 * accepted records. Reads the answers a page of records at a time.
 */
export async function datasetQa(
  ctx: Ctx,
  dataset: Dataset,
  opts: { disputed?: number } = {},
): Promise<QaReport> {
  const settings = dataset.settings;
  const answers: Answer[] = [];
  let after = 0;
  for (;;) {
    const rows = await sql<{
      record_id: number;
      username: string;
      status: string;
      values: unknown;
      t: number;
    }>`
      SELECT x.record_id, u.username, x.status, x."values" AS "values", x.time_spent_ms AS t
      FROM responses x JOIN users u ON u.id = x.user_id
      WHERE x.record_id IN (SELECT id FROM records WHERE dataset_id = ${dataset.id} AND gold_values IS NULL
          AND id > ${after} ORDER BY id LIMIT 5000)
        AND x.round = ${ANNOTATION_ROUND} AND x.status <> 'draft'
      ORDER BY x.record_id`.execute(ctx.db);
    const last = await sql<{ id: number }>`
      SELECT max(id) AS id FROM (SELECT id FROM records WHERE dataset_id = ${dataset.id} AND gold_values IS NULL
        AND id > ${after} ORDER BY id LIMIT 5000) page`.execute(ctx.db);
    for (const r of rows.rows)
      answers.push({
        record: Number(r.record_id),
        user: r.username,
        status: r.status,
        values: readJson(r.values),
        time: Number(r.t),
      });
    const next = last.rows[0]?.id;
    if (next === null || next === undefined) break;
    after = Number(next);
  }

  const byRecord = new Map<number, Answer[]>();
  for (const a of answers) {
    const list = byRecord.get(a.record);
    if (list) list.push(a);
    else byRecord.set(a.record, [a]);
  }

  const questions = settings.questions.map((q) => questionQa(q, answers));
  const gold = goldAccuracy(settings, await goldAnswers(ctx, dataset.id));
  const paused = await sql<{ username: string; reason: string }>`
    SELECT u.username, m.paused_reason AS reason FROM dataset_members m JOIN users u ON u.id = m.user_id
    WHERE m.dataset_id = ${dataset.id} AND m.paused_reason IS NOT NULL`.execute(ctx.db);
  const pausedBy = new Map(paused.rows.map((p) => [p.username, p.reason]));

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

  const disputed = await sql<{ id: number; external_id: string; disagreement: number; status: string }>`
    SELECT id, external_id, disagreement, status FROM records
    WHERE dataset_id = ${dataset.id} AND disagreement > 0 AND open_slots = 0 AND status = 'in_review'
    ORDER BY disagreement DESC, id LIMIT ${opts.disputed ?? 10}`.execute(ctx.db);
  const second = await sql<{ reviewed: number; disagreed: number }>`
    SELECT sum(CASE WHEN second_review IN ('agreed', 'disagreed') THEN 1 ELSE 0 END) AS reviewed,
      sum(CASE WHEN second_review = 'disagreed' THEN 1 ELSE 0 END) AS disagreed
    FROM records WHERE dataset_id = ${dataset.id}`.execute(ctx.db);
  const reviewed = Number(second.rows[0]?.reviewed ?? 0);
  const disagreed = Number(second.rows[0]?.disagreed ?? 0);
  const total = await ctx.db
    .selectFrom('records')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('dataset_id', '=', dataset.id)
    .where('gold_values', 'is', null)
    .executeTakeFirstOrThrow();

  return {
    dataset: dataset.name,
    records: Number(total.n),
    answered: byRecord.size,
    questions,
    annotators,
    disputed: disputed.rows.map((r) => ({
      id: Number(r.id),
      externalId: r.external_id,
      disagreement: Number(r.disagreement),
      status: r.status,
    })),
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
    const v = a.values[q.name];
    if (a.status !== 'submitted' || v === undefined) continue;
    perRecord.set(a.record, (perRecord.get(a.record) ?? 0) + 1);
    const shown = distributionValues(q, v);
    for (const s of shown) counts.set(s, (counts.get(s) ?? 0) + 1);
    if (q.type === 'label' || q.type === 'rating')
      judgements.push({ item: a.record, annotator: a.user, value: v as string | number });
    else if (q.type === 'preference')
      judgements.push({ item: a.record, annotator: a.user, value: (v as { choice: string }).choice });
    else if (q.type === 'multi_label')
      // One binary judgement per option: alpha over "did they pick it".
      for (const o of q.options)
        judgements.push({
          item: `${a.record}:${o.value}`,
          annotator: a.user,
          value: (v as string[]).includes(o.value),
        });
  }
  const given = [...counts.values()].reduce((x, y) => x + y, 0);
  const distribution = [...counts.entries()]
    .map(([value, count]) => ({ value, count, share: given ? count / given : 0 }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  const items = [...perRecord.values()].filter((n) => n >= 2).length;
  const level = LEVEL[q.type];
  const base = { question: q.name, type: q.type, items, distribution };
  if (!level)
    return {
      ...base,
      agreement: null,
      note: `no agreement figure for ${q.type} questions; see the disputed records`,
    };
  if (items === 0) return { ...base, agreement: null, note: 'no record has two answers yet' };
  try {
    const r = computeAgreement(reliabilityData(judgements), {
      metric: 'krippendorff',
      level,
      ci: { resamples: 500 },
    });
    return { ...base, agreement: { level, alpha: r.value, interval: r.ci } };
  } catch (e) {
    return { ...base, agreement: null, note: (e as Error).message };
  }
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
      if (a.values[q.name] === undefined) continue;
      const keys = others
        .filter((o) => o.values[q.name] !== undefined)
        .map((o) => answerKey(q, o.values[q.name]));
      if (keys.length === 0) continue;
      const counts = new Map<string, number>();
      for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
      const top = Math.max(...counts.values());
      compared++;
      if ((counts.get(answerKey(q, a.values[q.name])) ?? 0) === top) agreed++;
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
