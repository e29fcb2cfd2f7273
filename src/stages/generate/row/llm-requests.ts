import { schemaInstruction } from '../../../llm/call/structured.js';
import type { ChatMessage, GenerationParams, JsonSchema } from '../../../llm/types.js';
import type { LlmChatColumn } from '../recipe/columns.js';

/**
 * The messages each kind of model column sends. Kept apart from the row logic so the prompts a
 * recipe produces can be read (and tested) in one place.
 */

export function textMessages(system: string | undefined, prompt: string): ChatMessage[] {
  return system
    ? [
        { role: 'system', content: system },
        { role: 'user', content: prompt },
      ]
    : [{ role: 'user', content: prompt }];
}

export function structuredMessages(
  system: string | undefined,
  prompt: string,
  schema: JsonSchema,
): ChatMessage[] {
  return textMessages(system, `${prompt}\n\n${schemaInstruction(schema)}`);
}

/**
 * The shape of a whole conversation. The model is asked for `turns` messages, but any alternating
 * conversation of at least two (models miscount; offline seed conversations have their own length)
 * up to 50 is accepted: a wrong count is not worth a paid retry.
 */
export function chatSchema(turns: number): JsonSchema {
  return {
    type: 'object',
    properties: {
      messages: {
        type: 'array',
        minItems: Math.min(turns, 2),
        maxItems: 50,
        items: {
          type: 'object',
          properties: { role: { enum: ['user', 'assistant'] }, content: { type: 'string', minLength: 1 } },
          required: ['role', 'content'],
          additionalProperties: false,
        },
      },
    },
    required: ['messages'],
    additionalProperties: false,
  };
}

/** One call writes the whole conversation (cheaper; the model sees both sides at once). */
export function chatStructuredMessages(
  column: LlmChatColumn,
  system: string | undefined,
  prompt: string,
): ChatMessage[] {
  const writer =
    'You write realistic conversations between a user and an assistant, for training data.' +
    (system
      ? `\nThe assistant works under this system prompt:\n<system_prompt>\n${system}\n</system_prompt>`
      : '');
  const shape = `Write ${column.turns} messages, alternating user and assistant, starting with the user.`;
  return [
    { role: 'system', content: writer },
    { role: 'user', content: `${prompt}\n\n${shape}\n\n${schemaInstruction(chatSchema(column.turns))}` },
  ];
}

/**
 * One call per message: the assistant answers under its own system prompt; the user is played by
 * a simulator that sees the conversation with the roles swapped, so each side speaks in the first
 * person and never sees the other's instructions.
 */
export function chatTurnMessages(
  turn: 'user' | 'assistant',
  system: string | undefined,
  userBrief: string,
  history: ChatMessage[],
): ChatMessage[] {
  if (turn === 'assistant')
    return [...(system ? [{ role: 'system' as const, content: system }] : []), ...history];
  const simulator =
    `${userBrief}\n\nYou are the user in this conversation, not the assistant. ` +
    'Write only your next message, in the first person, with no labels or quotation marks.';
  const swapped: ChatMessage[] = history.map((m) => ({
    role: m.role === 'user' ? 'assistant' : 'user',
    content: m.content,
  }));
  const opener: ChatMessage[] =
    swapped.length === 0 ? [{ role: 'user', content: 'Begin the conversation.' }] : [];
  return [{ role: 'system', content: simulator }, ...opener, ...swapped];
}

export function mergeParams(
  defaults: GenerationParams,
  column: { temperature?: number | undefined; top_p?: number | undefined; max_tokens?: number | undefined },
  seed: number,
): GenerationParams {
  const p: GenerationParams = { ...defaults, seed };
  if (column.temperature !== undefined) p.temperature = column.temperature;
  if (column.top_p !== undefined) p.topP = column.top_p;
  if (column.max_tokens !== undefined) p.maxTokens = column.max_tokens;
  return p;
}
