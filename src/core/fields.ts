import { z } from 'zod';
import { identifier } from './names.js';

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
