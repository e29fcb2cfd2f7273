import type { Criterion } from '../core/criterion.js';
import { schemaInstruction } from './call/structured.js';
import type { ChatMessage, JsonSchema } from './types.js';

/**
 * What an LLM judge is asked and the shape its scores must have: {criterion: {score, reasoning}}.
 * In llm/ because it is a prompt, not a stage: a recipe's judge column, the judge check and next
 * the audit's judge send the same rubric, and none of them may import another stage's internals.
 */

/**
 * Where each criterion's reasoning goes: after its score (the default, and what every cached answer so
 * far was asked for), or before it, so that the model argues first and scores what it argued — as
 * Prometheus-style graders and chain-of-thought judging do. Models that write in schema order (JSON
 * mode, grammars) follow it.
 */
export type ReasoningOrder = 'after' | 'before';

export function judgeSchema(criteria: Criterion[], reasoning: ReasoningOrder = 'after'): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const c of criteria) {
    const score = { type: 'integer', minimum: c.scale[0], maximum: c.scale[1] };
    const why = { type: 'string' };
    properties[c.name] = {
      type: 'object',
      properties: reasoning === 'before' ? { reasoning: why, score } : { score, reasoning: why },
      required: reasoning === 'before' ? ['reasoning', 'score'] : ['score', 'reasoning'],
    };
  }
  return { type: 'object', properties, required: criteria.map((c) => c.name) };
}

export function judgeMessages(
  criteria: Criterion[],
  target: string,
  instructions: string | undefined,
  reasoning: ReasoningOrder = 'after',
): ChatMessage[] {
  const rubric = criteria
    .map((c) => `- ${c.name} (${c.scale[0]}–${c.scale[1]}): ${c.description}`)
    .join('\n');
  const how =
    reasoning === 'before'
      ? 'For each criterion, first write your reasoning, citing the evidence, then the integer score on its scale that the reasoning leads to.'
      : 'Give each criterion an integer score on its scale and a short reasoning that cites the evidence.';
  return [
    { role: 'system', content: `You are a careful, strict evaluator of training data. ${how}` },
    {
      role: 'user',
      content: `${instructions ? `${instructions}\n\n` : ''}<item>\n${target}\n</item>\n\nRubric:\n${rubric}\n\n${schemaInstruction(judgeSchema(criteria, reasoning))}`,
    },
  ];
}
