import type { MappedRow, TrainingFormat } from '../export-record.js';
import { trainingConversation } from './chat-source.js';

/** TRL's conversational SFT format: the messages column its chat templates read. */
export const trlSft: TrainingFormat = {
  name: 'trl-sft',
  prepare(settings, options) {
    const conversation = trainingConversation(settings, options, 'trl-sft');
    return (record): MappedRow => {
      const conv = conversation(record);
      return conv.ok ? { ok: true, row: { messages: conv.value } } : conv;
    };
  },
};
