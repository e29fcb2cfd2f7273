import type { Criterion } from '../core/criterion.js';
import { schemaInstruction } from './call/structured.js';
import type { ChatMessage, JsonSchema } from './types.js';

/**
 * What an LLM judge is asked and the shape its scores must have: {criterion: {score, reasoning}}.
 * In llm/ because it is a prompt, not a stage: a recipe's judge column, the judge check and next
 * the audit's judge send the same rubric, and none of them may import another stage's internals.
 */

export function judgeSchema(criteria: Criterion[]): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const c of criteria) {
    properties[c.name] = {
      type: 'object',
      properties: {
        score: { type: 'integer', minimum: c.scale[0], maximum: c.scale[1] },
        reasoning: { type: 'string' },
      },
      required: ['score', 'reasoning'],
    };
  }
  return { type: 'object', properties, required: criteria.map((c) => c.name) };
}

export function judgeMessages(
  criteria: Criterion[],
  target: string,
  instructions: string | undefined,
): ChatMessage[] {
  const rubric = criteria
    .map((c) => `- ${c.name} (${c.scale[0]}–${c.scale[1]}): ${c.description}`)
    .join('\n');
  return [
    {
      role: 'system',
      content:
        'You are a careful, strict evaluator of training data. Give each criterion an integer score on its scale and a short reasoning that cites the evidence.',
    },
    {
      role: 'user',
      content: `${instructions ? `${instructions}\n\n` : ''}<item>\n${target}\n</item>\n\nRubric:\n${rubric}\n\n${schemaInstruction(judgeSchema(criteria))}`,
    },
  ];
}
