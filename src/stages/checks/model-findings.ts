import type { DatasetRecord } from '../../core/record.js';
import type { DatasetSettings } from '../../core/settings.js';
import type { PiiModel } from '../../text/pii/model.js';
import type { Entity } from '../../text/pii/types.js';
import { recordTexts } from './record-texts.js';

/**
 * The PII model's findings for the texts of one page of records. The record checks are synchronous and
 * the model is not, so the model runs over a page first, and the PII check then reads its findings by
 * text (the same text in two records is run once).
 */
export class ModelFindings {
  private byText = new Map<string, Entity[]>();

  constructor(private readonly model: PiiModel) {}

  /** Runs the model over every text of `page` (the previous page's findings are dropped). */
  async prepare(page: readonly DatasetRecord[], settings: DatasetSettings): Promise<void> {
    this.byText = new Map();
    for (const r of page) {
      for (const part of recordTexts(r, settings).parts) {
        if (!this.byText.has(part.text)) this.byText.set(part.text, await this.model.find(part.text));
      }
    }
  }

  /** The findings for `text`; none for a text that was not prepared. */
  readonly lookup = (text: string): readonly Entity[] => this.byText.get(text) ?? [];
}
