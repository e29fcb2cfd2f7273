import type { MappedRow, TrainingFormat } from '../export-record.js';
import { conversationReader, fail, hasAssistant, toSimple } from './chat-source.js';
import { applyCorrections } from './corrections.js';

/** TRL's conversational SFT format: the messages column its chat templates read. */
export const trlSft: TrainingFormat = {
  name: 'trl-sft',
  prepare(settings, options) {
    const read = conversationReader(settings, options, 'trl-sft');
    return (record): MappedRow => {
      const conv = read(applyCorrections(settings, record));
      if (!conv.ok) return conv;
      const simple = toSimple(conv.value);
      if (!simple.ok) return simple;
      if (!hasAssistant(simple.value)) return fail('no assistant message to train on');
      return { ok: true, row: { messages: simple.value } };
    };
  },
};
