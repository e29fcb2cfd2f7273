import type { MappedRow, TrainingFormat } from '../export-record.js';
import { trainingConversation } from './chat-source.js';

const FROM = { system: 'system', user: 'human', assistant: 'gpt', tool: 'tool' } as const;

export const sharegpt: TrainingFormat = {
  name: 'sharegpt',
  prepare(settings, options) {
    const conversation = trainingConversation(settings, options, 'sharegpt');
    return (record): MappedRow => {
      const conv = conversation(record);
      if (!conv.ok) return conv;
      return {
        ok: true,
        row: { conversations: conv.value.map((m) => ({ from: FROM[m.role], value: m.content })) },
      };
    };
  },
};
