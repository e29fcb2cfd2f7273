import { notFound, usage } from '../../core/errors.js';
import type { StoredRelease } from '../../store/releases.js';
import type { Store } from '../../store/store.js';
import type { ReleaseManifest } from './manifest.js';
import { compareVersions, parseRef } from './version.js';

/** Reading releases by name: `DATASET@VERSION`, the latest one, all of a dataset in version order. */

export async function releaseByVersion(
  store: Store,
  datasetId: number,
  version: string,
): Promise<StoredRelease> {
  const r = await store.releases.find(datasetId, version);
  if (!r) {
    const d = await store.datasets.getById(datasetId);
    throw usage(`release ${d.name}@${version} does not exist`);
  }
  return r;
}

/** A dataset's releases, oldest version first. */
export async function releasesOf(store: Store, dataset: string): Promise<StoredRelease[]> {
  const d = await store.datasets.get(dataset);
  return (await store.releases.list(d.id)).sort((a, b) => compareVersions(a.version, b.version));
}

export async function latestRelease(store: Store, datasetId: number): Promise<StoredRelease | undefined> {
  const all = (await store.releases.list(datasetId)).sort((a, b) => compareVersions(a.version, b.version));
  return all.at(-1);
}

export interface ResolvedRelease {
  release: StoredRelease;
  manifest: ReleaseManifest;
}

/** `support@1.2.0` → the release and its manifest; an unknown dataset or version is named. */
export async function resolveRelease(store: Store, ref: string, where = 'release'): Promise<ResolvedRelease> {
  const { dataset, version } = parseRef(ref, where);
  const d = await store.datasets.find(dataset);
  if (!d) throw notFound('dataset', dataset);
  const release = await releaseByVersion(store, d.id, version);
  return { release, manifest: release.manifest as ReleaseManifest };
}
