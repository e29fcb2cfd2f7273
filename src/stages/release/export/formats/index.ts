import type { TrainingFormat } from '../export-record.js';
import { alpaca } from './alpaca.js';
import { openai } from './openai.js';
import { sharegpt } from './sharegpt.js';
import { trlPreference } from './trl-preference.js';
import { trlSft } from './trl-sft.js';

export type TrainingFormatName = 'openai' | 'sharegpt' | 'alpaca' | 'trl-sft' | 'trl-preference';

export const trainingFormats: Record<TrainingFormatName, TrainingFormat> = {
  openai,
  sharegpt,
  alpaca,
  'trl-sft': trlSft,
  'trl-preference': trlPreference,
};

export { applyCorrections } from './corrections.js';
export { validateOpenAIChatRow } from './openai.js';
