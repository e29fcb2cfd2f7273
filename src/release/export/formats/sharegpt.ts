import type { MappedRow, TrainingFormat } from '../export-record.js';
import { conversationReader, fail, hasAssistant, toSimple } from './chat-source.js';
import { applyCorrections } from './corrections.js';

const FROM = { system: 'system', user: 'human', assistant: 'gpt', tool: 'tool' } as const;

export const sharegpt: TrainingFormat = {
  name: 'sharegpt',
  prepare(settings, options) {
    const read = conversationReader(settings, options, 'sharegpt');
    return (record): MappedRow => {
      const conv = read(applyCorrections(settings, record));
      if (!conv.ok) return conv;
      const simple = toSimple(conv.value);
      if (!simple.ok) return simple;
      if (!hasAssistant(simple.value)) return fail('no assistant message to train on');
      const conversations = simple.value.map((m) => ({ from: FROM[m.role], value: m.content }));
      return { ok: true, row: { conversations } };
    };
  },
};
