import { z } from 'zod';
import { recordStatus } from '../record.js';
import { datasetSettings } from '../settings.js';

/** Records per status; statuses without records are left out. */
export const countsByStatus = z.partialRecord(recordStatus, z.number().int());

export const datasetSummary = z.object({
  name: z.string(),
  records: z.number().int(),
  byStatus: countsByStatus,
  createdAt: z.number(),
});
export type DatasetSummary = z.infer<typeof datasetSummary>;

/** `GET /api/datasets`. */
export const datasetList = z.object({ datasets: z.array(datasetSummary) });
export type DatasetList = z.infer<typeof datasetList>;

export const datasetDetail = datasetSummary.extend({
  /** As stored: the settings file with its defaults applied. */
  settings: datasetSettings,
  /** Check names that have results in this dataset, for the records filter. */
  checks: z.array(z.string()),
});
export type DatasetDetail = z.infer<typeof datasetDetail>;

/** `GET /api/datasets/{name}`. */
export const datasetResult = z.object({ dataset: datasetDetail });
export type DatasetResult = z.infer<typeof datasetResult>;

/** `GET` and `POST /api/datasets/{name}/members`: user names. */
export const memberList = z.object({ members: z.array(z.string()) });
export type MemberList = z.infer<typeof memberList>;

export const membersBody = z.strictObject({
  add: z.array(z.string().min(1).max(100)).max(1000).default([]),
  remove: z.array(z.string().min(1).max(100)).max(1000).default([]),
  /** Members paused for low accuracy on gold who may take records again. */
  resume: z.array(z.string().min(1).max(100)).max(1000).default([]),
});
