/** The release stage's public entry: immutable versions, splits, diffs, release exports. */

export { type ChangeSummary, changelogOf } from './changelog.js';
export {
  type CreatedRelease,
  type CreateReleaseOptions,
  createRelease,
  DEFAULT_RELEASE_STATUSES,
} from './create-release.js';
export { type Change, diffReleases, type ReleaseDiff } from './diff.js';
export { exportRelease, type ReleaseExport, type ReleaseExportOptions } from './export-release.js';
export type { ReleaseManifest } from './manifest.js';
export { type MixSpec, parseMix } from './mix.js';
export { parseWaivers, type Waiver } from './pii-gate.js';
export { type ResolvedRelease, releasesOf, resolveRelease } from './read-release.js';
export { parseSplits, type SplitSpec } from './splits.js';
export { parseRef, parseVersion } from './version.js';
