/**
 * The rule for dataset names as plain data, so a command can check a name without loading zod
 * (`datasetName` in `names.ts` is the schema built from it).
 */
export const DATASET_NAME = {
  pattern: /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/,
  message: 'must start with a letter or digit and hold only letters, digits, _ . - (at most 128)',
} as const;
