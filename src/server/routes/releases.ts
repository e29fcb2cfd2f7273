import {
  releaseChangelog,
  releaseDetail,
  releaseDiff,
  releaseDiffQuery,
  releaseList,
  releasePath,
} from '../../core/api/releases.js';
import { usage } from '../../core/errors.js';
import {
  changelogOf,
  diffReleases,
  type ReleaseManifest,
  releasesOf,
  resolveRelease,
} from '../../stages/release/index.js';
import type { StoredRelease } from '../../store/releases.js';
import type { Store } from '../../store/store.js';
import { datasetFor } from '../access.js';
import { datasetPath, defineRoute, type Route, STAFF } from '../route.js';

/** Releases of a dataset, read-only: made with `tandem release create`, shown to owners and admins. */

const summary = (r: StoredRelease) => {
  const m = r.manifest as ReleaseManifest;
  return {
    version: r.version,
    records: r.recordCount,
    splits: Object.fromEntries(m.splits.map((s) => [s.name, s.records])),
    releaseHash: r.releaseHash,
    createdBy: r.createdBy,
    createdAt: r.createdAt,
    notes: r.notes,
    base: m.base,
    superseded: r.superseded
      ? { at: r.superseded.at, reason: r.superseded.reason, by: r.superseded.byVersion }
      : null,
  };
};

export function releaseRoutes(store: Store): Route[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/datasets/:name/releases',
      tag: 'releases',
      summary: "A dataset's releases, oldest version first",
      access: STAFF,
      response: { 200: releaseList },
      params: datasetPath,
      handler: async ({ caller, params }) => {
        const d = await datasetFor(store, caller, params.name);
        return { releases: (await releasesOf(store, d.name)).map(summary) };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/datasets/:name/releases/:version',
      tag: 'releases',
      summary: 'One release and its manifest: splits, strata, leakage, mix, sources, checks, PII waivers',
      access: STAFF,
      response: { 200: releaseDetail },
      params: releasePath,
      responses: { 200: 'OK', 400: 'no such version' },
      handler: async ({ caller, params }) => {
        const d = await datasetFor(store, caller, params.name);
        const { release, manifest } = await resolveRelease(store, `${d.name}@${params.version}`);
        return { release: summary(release), manifest };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/datasets/:name/releases/:version/changelog',
      tag: 'releases',
      summary:
        'The changelog: counts against the release it was cut from and the reasons recorded on the changed records in between',
      access: STAFF,
      response: { 200: releaseChangelog },
      params: releasePath,
      responses: { 200: 'OK (changelog null for a first release)', 400: 'no such version' },
      handler: async ({ caller, params }) => {
        const d = await datasetFor(store, caller, params.name);
        const { release, manifest } = await resolveRelease(store, `${d.name}@${params.version}`);
        return { changelog: await changelogOf(store, manifest, release.datasetId) };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/datasets/:name/releases/:version/diff',
      tag: 'releases',
      summary: 'What changed from another release (default: the one it was cut from) to this one',
      access: STAFF,
      response: { 200: releaseDiff },
      params: releasePath,
      query: releaseDiffQuery,
      responses: { 200: 'OK', 400: 'no such version, or nothing to compare with' },
      handler: async ({ caller, params, query }) => {
        const d = await datasetFor(store, caller, params.name);
        const to = await resolveRelease(store, `${d.name}@${params.version}`);
        const against = query.against ?? to.manifest.base;
        if (!against)
          throw usage(`release ${params.version} is the first: name a version to compare with (?against=)`);
        return diffReleases(store, `${d.name}@${against}`, `${d.name}@${params.version}`, {
          limit: query.limit,
        });
      },
    }),
  ];
}
