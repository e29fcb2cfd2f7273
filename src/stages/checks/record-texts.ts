import { own } from '../../core/own.js';
import type { DatasetRecord } from '../../core/record.js';
import type { DatasetSettings } from '../../core/settings.js';
import type { ChatMessage } from '../../core/values.js';

/**
 * The text of a record as checks read it: text and markdown fields as they are, every turn of a chat
 * field on its own (PII and language are found per turn), and one string for near-duplicates.
 * Human corrections in final values are not applied here: checks judge what was generated or imported.
 */
export interface TextPart {
  field: string;
  /** Set for a chat turn: its index and role. */
  turn?: number;
  role?: string;
  text: string;
}

export interface RecordTexts {
  parts: TextPart[];
  chats: { field: string; messages: ChatMessage[] }[];
  /** Everything joined, for near-duplicates and decontamination. */
  joined: string;
}

export function recordTexts(record: DatasetRecord, settings: DatasetSettings): RecordTexts {
  const parts: TextPart[] = [];
  const chats: RecordTexts['chats'] = [];
  for (const f of settings.fields) {
    const v = own(record.fields, f.name);
    if ((f.type === 'text' || f.type === 'markdown') && typeof v === 'string')
      parts.push({ field: f.name, text: v });
    else if (f.type === 'chat' && Array.isArray(v)) {
      const messages = v.filter(
        (m): m is ChatMessage =>
          typeof m === 'object' && m !== null && typeof (m as ChatMessage).content === 'string',
      );
      chats.push({ field: f.name, messages });
      messages.forEach((m, i) => {
        parts.push({ field: f.name, turn: i, role: m.role, text: m.content });
      });
    }
  }
  // System prompts repeat across a dataset; they would make every conversation look alike.
  const joined = parts
    .filter((p) => p.role !== 'system')
    .map((p) => p.text)
    .join('\n');
  return { parts, chats, joined };
}

export function describePart(p: TextPart): string {
  return p.turn === undefined ? p.field : `${p.field}[${p.turn}] (${p.role})`;
}
