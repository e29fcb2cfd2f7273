import { z } from 'zod';

/** Release views of the HTTP API (`/api/datasets/{name}/releases…`). */

const counts = z.record(z.string(), z.number());

export const releaseSummary = z.object({
  version: z.string(),
  records: z.number().int(),
  splits: counts,
  releaseHash: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.number(),
  notes: z.string(),
  base: z.string().nullable(),
  /** Set once an erasure emptied one of its records; `by` is the version that replaces it, if made. */
  superseded: z
    .object({ at: z.number(), reason: z.string().nullable(), by: z.string().nullable() })
    .nullable(),
});
export type ReleaseSummary = z.infer<typeof releaseSummary>;

/** `GET /api/datasets/{name}/releases`: oldest version first. */
export const releaseList = z.object({ releases: z.array(releaseSummary) });
export type ReleaseList = z.infer<typeof releaseList>;

/** What the app shows of a manifest; the full manifest is `tandem release show --json`. */
export const manifestView = z.object({
  statuses: z.array(z.string()),
  splits: z.array(z.object({ name: z.string(), ratio: z.number(), records: z.number() })),
  stratifyBy: z.array(z.string()),
  strata: z.array(z.object({ stratum: z.string(), counts })),
  leakage: z.object({
    groups: z.number(),
    groupedRecords: z.number(),
    links: z.number(),
    crossSplitPairs: z.number(),
    pinnedFromBase: z.number(),
    movedGroups: z.number(),
    contaminated: counts,
  }),
  mix: z.object({ target: counts, before: counts, kept: counts, dropped: z.number() }).nullable(),
  origins: counts,
  languages: counts,
  recipes: z.array(z.object({ recipe: z.string(), recipeHash: z.string().nullable(), records: z.number() })),
  models: z.array(z.object({ provider: z.string(), model: z.string(), records: z.number() })),
  checks: z.array(z.object({ check: z.string(), records: z.number(), failed: z.number() })),
  pii: z.object({
    findings: z.number(),
    waivers: z.array(z.object({ finding: z.string(), reason: z.string() })),
  }),
  annotation: z.object({
    annotators: z.number(),
    responses: z.number(),
    decidedBy: counts,
    /** Per question over the released records: Krippendorff's alpha, or why there is none. */
    agreement: z
      .array(
        z.object({
          question: z.string(),
          type: z.string(),
          items: z.number(),
          annotators: z.number(),
          level: z.string().optional(),
          alpha: z.number().nullable().optional(),
          interval: z.tuple([z.number(), z.number()]).nullable().optional(),
          note: z.string().optional(),
        }),
      )
      .optional(),
  }),
});
export type ManifestView = z.infer<typeof manifestView>;

/** `GET /api/datasets/{name}/releases/{version}`. */
export const releaseDetail = z.object({ release: releaseSummary, manifest: manifestView });
export type ReleaseDetail = z.infer<typeof releaseDetail>;

const side = z.object({
  dataset: z.string(),
  version: z.string(),
  releaseHash: z.string().nullable(),
  records: z.number(),
});

export const releaseChange = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('added'), recordId: z.number(), externalId: z.string(), split: z.string() }),
  z.object({ kind: z.literal('removed'), recordId: z.number(), externalId: z.string(), split: z.string() }),
  z.object({
    kind: z.literal('changed'),
    recordId: z.number(),
    externalId: z.string(),
    fields: z.array(z.string()),
    relabelled: z.array(z.object({ question: z.string(), from: z.unknown(), to: z.unknown() })),
    split: z.object({ from: z.string(), to: z.string() }).optional(),
    other: z.array(z.string()),
  }),
]);
export type ReleaseChange = z.infer<typeof releaseChange>;

/** `GET /api/datasets/{name}/releases/{version}/diff?against=VERSION`. */
export const releaseDiff = z.object({
  from: side,
  to: side,
  counts: z.object({
    added: z.number(),
    removed: z.number(),
    modified: z.number(),
    relabelled: z.number(),
    splitChanged: z.number(),
    unchanged: z.number(),
  }),
  splitMoves: counts,
  changes: z.array(releaseChange),
  truncated: z.boolean(),
});
export type ReleaseDiffView = z.infer<typeof releaseDiff>;

/**
 * `GET /api/datasets/{name}/releases/{version}/changelog`: the diff's counts against the release it
 * was cut from and the reasons people recorded on the changed records in between (null: the first).
 */
export const releaseChangelog = z.object({
  changelog: z
    .object({
      base: z.string(),
      counts: releaseDiff.shape.counts,
      splitMoves: counts,
      reasons: z.array(
        z.object({ externalId: z.string(), change: z.string(), by: z.string(), text: z.string() }),
      ),
    })
    .nullable(),
});
export type ReleaseChangelog = z.infer<typeof releaseChangelog>;

export const releasePath = z.strictObject({
  name: z.string().min(1).max(200),
  version: z.string().min(1).max(100),
});
export const releaseDiffQuery = z.strictObject({
  /** The version to compare with; defaults to the release's base. */
  against: z.string().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(500),
});
