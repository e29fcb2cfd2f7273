import type { DatasetRecord } from '../../core/record.js';
import type { ExportResponse } from './export/export-record.js';

/** Counts a release's records by where they came from and who worked on them, for its manifest. */
export class Tally {
  readonly #origins = new Map<string, number>();
  readonly #recipes = new Map<string, { recipe: string; recipeHash: string | null; records: number }>();
  readonly #models = new Map<string, { provider: string; model: string; records: number }>();
  readonly #languages = new Map<string, number>();
  readonly #annotators = new Set<string>();
  readonly #decidedBy = new Map<string, number>();
  #responses = 0;

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
    const deciders = new Set(Object.values(r.finalValues ?? {}).map((f) => f.decidedBy ?? f.method));
    for (const d of deciders) bump(this.#decidedBy, d);
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
      },
    };
  }
}

function bump(m: Map<string, number>, k: string): void {
  m.set(k, (m.get(k) ?? 0) + 1);
}

const sorted = (m: Map<string, number>): Record<string, number> =>
  Object.fromEntries([...m].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
