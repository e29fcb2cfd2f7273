import { z } from 'zod';
import { DATASET_NAME } from './name-rules.js';

/** Names of fields, questions and metadata: usable as JSON keys, column names and template variables. */
export const identifier = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]{0,63}$/,
    'must start with a letter or _ and hold only letters, digits and _ (at most 64)',
  )
  // Names become keys of plain objects; `__proto__` there is the object's prototype, not a key.
  // (`constructor`, `toString` and the like are ordinary names: every read of them is an own read.)
  .refine((s) => s !== '__proto__', "'__proto__' is reserved (it is every JavaScript object's prototype)");

/** Dataset names appear in URLs and file names. */
export const datasetName = z.string().regex(DATASET_NAME.pattern, DATASET_NAME.message);

/** ISO 639-1 two-letter language code, lower case ("en", "zh", "nb"). */
export const languageCode = z.string().regex(/^[a-z]{2}$/, 'must be an ISO 639-1 code such as en, es or zh');
