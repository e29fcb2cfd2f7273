import type { QuestionSettings } from '../../core/questions.js';
import type { DatasetRecord } from '../../core/record.js';
import { ANNOTATION_ROUND } from '../../core/rounds.js';
import { ReliabilityBuilder } from '../../stats/agreement/data.js';
import { judgementsOf, questionAgreement } from '../../stats/agreement/question-agreement.js';
import type { ExportResponse } from './export/export-record.js';
import type { AgreementRow } from './manifest.js';

/** One question's answers on the released records, gathered for its agreement figure. */
interface QuestionTally {
  q: QuestionSettings;
  /** Only records with two or more answers: the others carry no agreement information. */
  data: ReliabilityBuilder;
  items: number;
  annotators: Set<string>;
}

/** Counts a release's records by where they came from and who worked on them, for its manifest. */
export class Tally {
  readonly #questions: QuestionTally[];
  readonly #origins = new Map<string, number>();
  readonly #recipes = new Map<string, { recipe: string; recipeHash: string | null; records: number }>();
  readonly #models = new Map<string, { provider: string; model: string; records: number }>();
  readonly #languages = new Map<string, number>();
  readonly #annotators = new Set<string>();
  readonly #decidedBy = new Map<string, number>();
  #responses = 0;

  constructor(questions: readonly QuestionSettings[] = []) {
    this.#questions = questions.map((q) => ({
      q,
      data: new ReliabilityBuilder(),
      items: 0,
      annotators: new Set(),
    }));
  }

  add(r: DatasetRecord, responses: ExportResponse[] | undefined): void {
    const p = r.provenance;
    bump(this.#origins, p.origin);
    bump(this.#languages, r.language ?? '(none)');
    if (p.origin === 'synthetic') {
      const k = `${p.recipe}\u0000${p.recipeHash ?? ''}`;
      const e = this.#recipes.get(k) ?? { recipe: p.recipe, recipeHash: p.recipeHash ?? null, records: 0 };
      e.records++;
      this.#recipes.set(k, e);
      const models = new Map<string, { provider: string; model: string }>();
      if (p.model) models.set(`${p.provider}\u0000${p.model}`, { provider: p.provider, model: p.model });
      for (const c of p.calls ?? [])
        models.set(`${c.provider}\u0000${c.model}`, { provider: c.provider, model: c.model });
      for (const [k2, m] of models) {
        const e2 = this.#models.get(k2) ?? { ...m, records: 0 };
        e2.records++;
        this.#models.set(k2, e2);
      }
    }
    for (const x of responses ?? []) {
      if (x.status === 'draft') continue;
      this.#annotators.add(x.user);
      this.#responses++;
    }
    this.#addAnswers(r.id, responses);
    const deciders = new Set(Object.values(r.finalValues ?? {}).map((f) => f.decidedBy ?? f.method));
    for (const d of deciders) bump(this.#decidedBy, d);
  }

  #addAnswers(record: number, responses: ExportResponse[] | undefined): void {
    const submitted = (responses ?? []).filter(
      (x) => x.round === ANNOTATION_ROUND && x.status === 'submitted',
    );
    if (submitted.length === 0) return;
    for (const t of this.#questions) {
      const given = submitted.filter((x) => x.values[t.q.name] !== undefined);
      for (const x of given) t.annotators.add(x.user);
      if (given.length < 2) continue;
      t.items++;
      for (const x of given)
        for (const j of judgementsOf(t.q, record, x.user, x.values[t.q.name]))
          t.data.add(j.item, j.annotator, j.value);
    }
  }

  /** Agreement per question over the released records only, with how many annotators answered it. */
  #agreement(): AgreementRow[] {
    return this.#questions.map((t) => {
      const a = questionAgreement(t.q, t.items, () => t.data.build());
      return { question: t.q.name, type: t.q.type, items: t.items, annotators: t.annotators.size, ...a };
    });
  }

  summary() {
    const byCount = <T extends { records: number }>(xs: Iterable<T>) =>
      [...xs].sort((a, b) => b.records - a.records);
    return {
      origins: sorted(this.#origins),
      recipes: byCount(this.#recipes.values()),
      models: byCount(this.#models.values()),
      languages: sorted(this.#languages),
      annotation: {
        annotators: this.#annotators.size,
        responses: this.#responses,
        decidedBy: sorted(this.#decidedBy),
        agreement: this.#agreement(),
      },
    };
  }
}

function bump(m: Map<string, number>, k: string): void {
  m.set(k, (m.get(k) ?? 0) + 1);
}

const sorted = (m: Map<string, number>): Record<string, number> =>
  Object.fromEntries([...m].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
