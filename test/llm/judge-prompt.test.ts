import { describe, expect, it } from 'vitest';
import { cacheKey } from '../../src/llm/call/cache-key.js';
import { judgeMessages, judgeSchema } from '../../src/llm/judge-prompt.js';
import { createTemplateProvider, withOfflineAnswer } from '../../src/llm/template.js';
import { loadRecipe } from '../../src/stages/generate/recipe/load.js';
import { computeRow, type RowCall } from '../../src/stages/generate/row/compute-row.js';

const criteria = [{ name: 'clear', description: 'Is it clear?', scale: [1, 5] as [number, number] }];

describe('judge prompt', () => {
  it('asks, by default, exactly what judges were always asked (so cached answers stay valid)', () => {
    // Pinned: a change here changes every judge call's cache key, and a resumed run would pay again.
    expect(judgeMessages(criteria, 'text', undefined)[0]!.content).toBe(
      'You are a careful, strict evaluator of training data. Give each criterion an integer score on its scale and a short reasoning that cites the evidence.',
    );
    const s = judgeSchema(criteria) as { properties: { clear: { properties: object; required: string[] } } };
    expect(Object.keys(s.properties.clear.properties)).toEqual(['score', 'reasoning']);
    expect(s.properties.clear.required).toEqual(['score', 'reasoning']);
    expect(cacheKey('openai:m', { messages: judgeMessages(criteria, 'text', undefined), params: {} })).toBe(
      cacheKey('openai:m', { messages: judgeMessages(criteria, 'text', undefined, 'after'), params: {} }),
    );
  });

  it('with reasoning before, asks for the reasoning first, in the schema and in words', () => {
    const s = judgeSchema(criteria, 'before') as {
      properties: { clear: { properties: object; required: string[] } };
    };
    expect(Object.keys(s.properties.clear.properties)).toEqual(['reasoning', 'score']);
    const [system, user] = judgeMessages(criteria, 'text', undefined, 'before');
    expect(system!.content).toMatch(/first write your reasoning.*then the integer score/);
    expect(user!.content.indexOf('"reasoning"')).toBeLessThan(user!.content.indexOf('"score"'));
  });

  it('a recipe judge column with reasoning: before sends that order and still reads the answer', async () => {
    const recipe = loadRecipe(
      `name: j
provider: openai:m
columns:
  - { name: text, expression: "Some text." }
  - name: grade
    judge:
      target: "{{ text }}"
      reasoning: before
      criteria: [{ name: clear, description: "Is it clear?", scale: [1, 5] }]
`,
      'r.yaml',
    );
    const template = createTemplateProvider();
    const sent: RowCall[] = [];
    const row = await computeRow(
      {
        recipe,
        seed: 1,
        providerFor: () => 'openai:m',
        plan: undefined,
        call: async (c: RowCall) => {
          sent.push(c);
          const completion = await template.complete(
            withOfflineAnswer(c.request, c.offline),
            new AbortController().signal,
          );
          return { completion, key: cacheKey(c.provider, c.request), cached: false };
        },
      },
      0,
    );
    expect(row.outcome.kind).toBe('ok');
    expect(sent[0]!.request.messages[0]!.content).toMatch(/first write your reasoning/);
    const grade = row.values.grade as { clear: { score: number; reasoning: string } };
    expect(grade.clear.score).toBeGreaterThanOrEqual(1);
    expect(typeof grade.clear.reasoning).toBe('string');
  });
});
