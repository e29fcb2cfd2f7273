import { z } from 'zod';
import { identifier } from './names.js';

/** A chat turn, in the OpenAI message shape that trainers read. */
export const chatRole = z.enum(['system', 'user', 'assistant', 'tool']);
export type ChatRole = z.infer<typeof chatRole>;

export const chatMessage = z.strictObject({
  role: chatRole,
  content: z.string(),
  name: z.string().max(64).optional(),
  /** OpenAI fine-tuning: 0 excludes an assistant turn from the loss. */
  weight: z.union([z.literal(0), z.literal(1)]).optional(),
});
export type ChatMessage = z.infer<typeof chatMessage>;
export const chat = z.array(chatMessage).min(1, 'a conversation needs at least one message');
export type Chat = z.infer<typeof chat>;

const fieldBase = {
  name: identifier,
  title: z.string().max(200).optional(),
  description: z.string().max(2000).optional(),
  required: z.boolean().default(true),
};

export const textField = z.strictObject({ ...fieldBase, type: z.literal('text') });
export const markdownField = z.strictObject({ ...fieldBase, type: z.literal('markdown') });
export const chatField = z.strictObject({ ...fieldBase, type: z.literal('chat') });
export const jsonField = z.strictObject({ ...fieldBase, type: z.literal('json') });

export const fieldSettings = z.discriminatedUnion('type', [textField, markdownField, chatField, jsonField]);
export type FieldSettings = z.infer<typeof fieldSettings>;
export type FieldType = FieldSettings['type'];

/** The value schema of one field, by its type. */
export function fieldValueSchema(field: FieldSettings): z.ZodType {
  switch (field.type) {
    case 'text':
    case 'markdown':
      return z.string();
    case 'chat':
      return chat;
    case 'json':
      return z.json();
  }
}
