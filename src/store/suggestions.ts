import { type Ctx, inTransaction, now } from './context.js';
import { readJson, writeJson } from './dialect.js';

/**
 * Suggestions: an agent's proposed answer to a question of a record (a judge's score, a model's
 * label), shown to reviewers beside the record and used to pre-fill their form. Each agent owns its
 * own suggestions: running it again replaces what it said before, never what other agents said.
 */

export interface NewSuggestion {
  recordId: number;
  question: string;
  value: unknown;
  /** The agent's confidence or normalised score in [0, 1], when it has one. */
  score: number | null;
}

export interface Suggestion extends NewSuggestion {
  agent: string;
}

const CHUNK = 500;

/** Replaces, in one transaction, every suggestion `agent` made on the records named in `items`. */
export async function replaceSuggestions(ctx: Ctx, agent: string, items: NewSuggestion[]): Promise<void> {
  if (items.length === 0) return;
  const recordIds = [...new Set(items.map((i) => i.recordId))];
  await inTransaction(ctx, async (tx) => {
    for (let i = 0; i < recordIds.length; i += CHUNK) {
      await tx.db
        .deleteFrom('suggestions')
        .where('agent', '=', agent)
        .where('record_id', 'in', recordIds.slice(i, i + CHUNK))
        .execute();
    }
    const t = now();
    for (let i = 0; i < items.length; i += CHUNK) {
      await tx.db
        .insertInto('suggestions')
        .values(
          items.slice(i, i + CHUNK).map((s) => ({
            record_id: s.recordId,
            question: s.question,
            value: writeJson(s.value),
            score: s.score,
            agent,
            created_at: t,
          })),
        )
        .execute();
    }
  });
}

/** Every agent's suggestions on these records, by record and then in the order they were made. */
export async function suggestionsFor(ctx: Ctx, recordIds: number[]): Promise<Suggestion[]> {
  const out: Suggestion[] = [];
  const ids = [...new Set(recordIds)].sort((a, b) => a - b);
  // Chunks of ascending ids keep the whole result in (record, id) order.
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await ctx.db
      .selectFrom('suggestions')
      .select(['record_id', 'question', 'value', 'score', 'agent'])
      .where('record_id', 'in', ids.slice(i, i + CHUNK))
      .orderBy('record_id')
      .orderBy('id')
      .execute();
    for (const r of rows) {
      out.push({
        recordId: Number(r.record_id),
        question: r.question,
        value: readJson(r.value),
        score: r.score === null ? null : Number(r.score),
        agent: r.agent,
      });
    }
  }
  return out;
}

export const suggestionsRepository = { replace: replaceSuggestions, forRecords: suggestionsFor };
