import type { FinalValue } from '../../../../core/record.js';
import { type DatasetSettings, findField } from '../../../../core/settings.js';
import { fieldValueSchema } from '../../../../core/values.js';
import type { ExportRecord } from '../export-record.js';

/** Own properties only: a field or question named `constructor` must not read Object.prototype. */
export function own(obj: Record<string, unknown> | null | undefined, key: string): unknown {
  return obj && Object.hasOwn(obj, key) ? obj[key] : undefined;
}

export function finalValueOf(
  record: Pick<ExportRecord, 'finalValues'>,
  question: string,
): FinalValue | undefined {
  return own(record.finalValues, question) as FinalValue | undefined;
}

/**
 * The record's fields with every human correction (a final value of a text question that
 * `corrects` a field) put in place of the field it corrects. A correction that does not fit the
 * field's value schema is ignored, so a malformed final value never reaches a trainer.
 */
export function applyCorrections(
  settings: DatasetSettings,
  record: Pick<ExportRecord, 'fields' | 'finalValues'>,
): Record<string, unknown> {
  const fields: Record<string, unknown> = { ...record.fields };
  for (const q of settings.questions) {
    if (q.type !== 'text' || !q.corrects) continue;
    const final = finalValueOf(record, q.name);
    const field = findField(settings, q.corrects);
    if (!final || !field) continue;
    const parsed = fieldValueSchema(field).safeParse(final.value);
    // defineProperty, not assignment: a field named __proto__ must stay a plain key.
    if (parsed.success)
      Object.defineProperty(fields, field.name, {
        value: parsed.data,
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return fields;
}
