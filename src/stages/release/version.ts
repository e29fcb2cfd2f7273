import semver from 'semver';
import { usage } from '../../core/errors.js';

/**
 * Release versions are semantic versions (`1.2.0`), compared as semver compares them: `1.10.0`
 * comes after `1.9.0`. A version names exactly one release of a dataset.
 */

/** A valid version in its normal form, or a usage error naming where it came from. */
export function parseVersion(text: string, where = '--version'): string {
  const v = semver.valid(text.trim());
  if (!v)
    throw usage(`${where}: '${text}' is not a semantic version (expected MAJOR.MINOR.PATCH, e.g. 1.2.0)`);
  return v;
}

export const compareVersions = (a: string, b: string): number => semver.compare(a, b);

/** The next minor version after `v`: what a routine update of a dataset is. */
export const nextMinor = (v: string): string => semver.inc(v, 'minor') ?? v;

/** `DATASET@VERSION`, the way commands name one release. */
export interface ReleaseRef {
  dataset: string;
  version: string;
}

export function parseRef(text: string, where = 'release'): ReleaseRef {
  const at = text.lastIndexOf('@');
  if (at <= 0 || at === text.length - 1)
    throw usage(`${where}: '${text}' is not DATASET@VERSION (e.g. support@1.2.0)`);
  return { dataset: text.slice(0, at), version: parseVersion(text.slice(at + 1), where) };
}
