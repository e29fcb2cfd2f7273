import type { z } from 'zod';
import { contentHash } from '../../core/hash.js';
import type { Provenance } from '../../core/record.js';
import { type DatasetSettings, recordFieldsSchema } from '../../core/settings.js';
import type { NewRecord } from '../../store/records.js';
import { describe, toChat } from './chat-convert.js';
import { type ColumnMapping, LANGUAGE_COLUMNS } from './infer.js';

export type Mapped = { ok: true; record: NewRecord } | { ok: false; message: string };

// Bounds what one untrusted row can put in the store.
const MAX_ID_LENGTH = 512;
const LANGUAGE = /^[a-z]{2}$/;

/** Turns source rows into records of one dataset, validating each against the dataset's fields. */
export class RowMapper {
  /** Only json fields need the schema: text and chat values are checked as they are built, which is cheaper per row. */
  private readonly schema: z.ZodType<Record<string, unknown>> | undefined;
  private readonly fieldColumns: Set<string>;

  constructor(
    private readonly settings: DatasetSettings,
    private readonly mapping: ColumnMapping,
    private readonly provenance: (line: number, idFrom: 'column' | 'content_hash') => Provenance,
  ) {
    this.schema = settings.fields.some((f) => f.type === 'json') ? recordFieldsSchema(settings) : undefined;
    this.fieldColumns = new Set(mapping.fields.values());
  }

  map(row: Record<string, unknown>, line: number): Mapped {
    const fields: Record<string, unknown> = {};
    for (const f of this.settings.fields) {
      const column = this.mapping.fields.get(f.name) ?? f.name;
      // Own properties only: a row without a field named `constructor` must not read Object.prototype's.
      let v = Object.hasOwn(row, column) ? row[column] : undefined;
      if (v === undefined || v === null || (v === '' && !f.required)) {
        if (f.required) return { ok: false, message: `missing field '${f.name}' (column '${column}')` };
        continue;
      }
      if (f.type === 'chat') {
        // CSV cells hold conversations as JSON text.
        if (typeof v === 'string' && v.trimStart().startsWith('[')) {
          try {
            v = JSON.parse(v);
          } catch {
            return {
              ok: false,
              message: `field '${f.name}' (column '${column}'): expected a conversation, found text that is not JSON`,
            };
          }
        }
        const c = toChat(v, column);
        if (!c.ok) return { ok: false, message: `field '${f.name}': ${c.message}` };
        v = c.chat;
      } else if ((f.type === 'text' || f.type === 'markdown') && typeof v !== 'string') {
        return {
          ok: false,
          message: `field '${f.name}' (column '${column}'): expected a string, found ${describe(v)}`,
        };
      }
      fields[f.name] = v;
    }
    const checked = this.schema?.safeParse(fields);
    if (checked && !checked.success) {
      const issue = checked.error.issues[0]!;
      return { ok: false, message: `field '${issue.path.join('.')}': ${issue.message}` };
    }

    const metadata: Record<string, unknown> = {};
    let language: string | null = null;
    for (const [k, v] of Object.entries(row)) {
      if (k === this.mapping.idColumn || this.fieldColumns.has(k)) continue;
      // Defined, not assigned: a column named `__proto__` is data, not the object's prototype.
      Object.defineProperty(metadata, k, { value: v, enumerable: true, writable: true, configurable: true });
      if (LANGUAGE_COLUMNS.has(k) && typeof v === 'string' && LANGUAGE.test(v.toLowerCase()))
        language = v.toLowerCase();
    }

    const hash = contentHash(fields);
    let externalId: string;
    let idFrom: 'column' | 'content_hash';
    const idColumn = this.mapping.idColumn;
    const idValue = idColumn !== undefined && Object.hasOwn(row, idColumn) ? row[idColumn] : undefined;
    if (idValue === undefined || idValue === null || idValue === '') {
      if (idColumn !== undefined && Object.hasOwn(row, idColumn)) {
        return { ok: false, message: `id column '${this.mapping.idColumn}' is empty` };
      }
      // No id: the content (fields and metadata) is the identity, so re-importing adds nothing.
      externalId = `sha:${contentHash({ fields, metadata })}`;
      idFrom = 'content_hash';
    } else if (typeof idValue === 'string' || typeof idValue === 'number' || typeof idValue === 'bigint') {
      externalId = String(idValue);
      idFrom = 'column';
      if (externalId.length > MAX_ID_LENGTH)
        return { ok: false, message: `id is longer than ${MAX_ID_LENGTH} characters` };
    } else {
      return {
        ok: false,
        message: `id column '${this.mapping.idColumn}': expected a string or number, found ${describe(idValue)}`,
      };
    }
    return {
      ok: true,
      record: {
        externalId,
        fields,
        metadata,
        provenance: this.provenance(line, idFrom),
        contentHash: hash,
        language,
      },
    };
  }
}
