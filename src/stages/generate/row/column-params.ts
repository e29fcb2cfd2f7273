import { own } from '../../../core/own.js';
import { paramColumn } from '../recipe/columns.js';

/**
 * A model column's request parameters for one row. Each may be a number, or `"{{ name }}"`: the value
 * of an earlier column on this row — a sampler drawing the temperature per row, as peers draw
 * inference parameters per request. The drawn value is in the row's provenance with the other sampler
 * values, and, being part of the request, in the cache key: a resumed run asks the same.
 */

type ParamSpec = number | string | undefined;

export interface ColumnParamSpecs {
  temperature?: ParamSpec;
  top_p?: ParamSpec;
  max_tokens?: ParamSpec;
}

export interface ColumnParams {
  temperature?: number;
  top_p?: number;
  max_tokens?: number;
}

/** The ranges the recipe schema allows for a number written in place. */
const RANGES = {
  temperature: { ok: (n: number) => n >= 0 && n <= 2, says: 'a number from 0 to 2' },
  top_p: { ok: (n: number) => n > 0 && n <= 1, says: 'a number above 0 and at most 1' },
  max_tokens: {
    ok: (n: number) => Number.isInteger(n) && n >= 1 && n <= 200_000,
    says: 'a whole number from 1 to 200,000',
  },
} as const;

/** A parameter read from a column that is not a number in its range: the row fails with this reason. */
export class ParamOutOfRange extends Error {}

/** The parameters with every column reference read from `row`; throws ParamOutOfRange. */
export function columnParams(spec: ColumnParamSpecs, row: Readonly<Record<string, unknown>>): ColumnParams {
  const out: ColumnParams = {};
  for (const key of ['temperature', 'top_p', 'max_tokens'] as const) {
    const s = spec[key];
    if (s === undefined) continue;
    if (typeof s === 'number') {
      out[key] = s;
      continue;
    }
    const name = paramColumn(s)!;
    const raw = own(row, name);
    const n =
      typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
    if (!RANGES[key].ok(n)) {
      const shown = typeof raw === 'string' ? `'${raw.slice(0, 40)}'` : (JSON.stringify(raw) ?? 'nothing');
      throw new ParamOutOfRange(`${key} from column '${name}' is ${shown}, not ${RANGES[key].says}`);
    }
    out[key] = n;
  }
  return out;
}
