import { expect } from 'vitest';
import { type DatasetSettingsInput, datasetSettings } from '../../../src/core/settings.js';
import type {
  ExportRecord,
  FormatOptions,
  MappedRow,
} from '../../../src/stages/release/export/export-record.js';
import {
  type TrainingFormatName,
  trainingFormats,
} from '../../../src/stages/release/export/formats/index.js';
import { validateOpenAIChatRow } from '../../../src/stages/release/export/formats/openai.js';

/** An export record with the given fields; each final value is wrapped as a reviewer's decision. */
export function record(fields: Record<string, unknown>, finals?: Record<string, unknown>): ExportRecord {
  const finalValues = finals
    ? Object.fromEntries(
        Object.entries(finals).map(([q, value]) => [
          q,
          { value, method: 'reviewer' as const, decidedBy: 'rev', at: '2025-01-01T00:00:00Z' },
        ]),
      )
    : null;
  return {
    id: 1,
    externalId: 'r1',
    fields,
    metadata: {},
    provenance: { origin: 'human', author: 'tester' },
    contentHash: 'h',
    language: null,
    status: 'accepted',
    finalValues,
  };
}

export function map(
  format: TrainingFormatName,
  settings: DatasetSettingsInput,
  rec: ExportRecord,
  options: FormatOptions = {},
): MappedRow {
  const result = trainingFormats[format].prepare(datasetSettings.parse(settings), options)(rec);
  // Every openai row any test produces must pass OpenAI's rules.
  if (format === 'openai' && result.ok) expect(validateOpenAIChatRow(result.row)).toEqual([]);
  return result;
}

export function rowOf(result: MappedRow): Record<string, unknown> {
  if (!result.ok) expect.fail(`expected a row, got: ${result.reason}`);
  return result.row;
}

export function reasonOf(result: MappedRow): string {
  if (result.ok) expect.fail(`expected a skip, got: ${JSON.stringify(result.row)}`);
  return result.reason;
}

export const chatSettings: DatasetSettingsInput = {
  fields: [{ name: 'conversation', type: 'chat' }],
  questions: [{ name: 'fixed', type: 'text', corrects: 'conversation' }],
};
