import { createHash } from 'node:crypto';
import { mkdtempSync, openAsBlob, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TandemError, usage } from '../../core/errors.js';
import type { Store } from '../../store/store.js';
import { exportRelease } from './export-release.js';
import { resolveRelease } from './read-release.js';

/**
 * `tandem release push D@1.2.0 --repo ORG/NAME`: the release exported as `release export` writes
 * it (one file per split and the README.md card), committed to a Hugging Face dataset repository
 * through the official `@huggingface/hub` client, then a branch named after the version pointing at
 * that commit (the client has no call for tags; a branch is the revision a trainer pins with
 * `load_dataset(..., revision="1.2.0")`).
 *
 * A file whose bytes the Hub already holds at that path is left out of the commit: the Hub's own
 * hashes (the LFS sha256 of data files, the git blob id of small ones) are compared with the local
 * export's, so re-pushing, or `--card-only`, uploads no data.
 */

export const DEFAULT_HUB = 'https://huggingface.co';

export interface PushOptions {
  ref: string;
  repo: string;
  token: string | undefined;
  endpoint?: string | undefined;
  private?: boolean | undefined;
  cardOnly?: boolean | undefined;
  format?: string | undefined;
  license?: string | undefined;
  /** Replaces global fetch (tests count requests with it; the stand-in Hub needs none). */
  fetch?: typeof fetch;
}

export interface PushResult {
  dataset: string;
  version: string;
  repo: string;
  url: string;
  created: boolean;
  /** The commit made, or null when the Hub already held every file. */
  commit: string | null;
  branch: string;
  uploaded: string[];
  unchanged: string[];
}

/** Hub repository names: `namespace/name`, letters, digits, `-`, `_`, `.`, no `--`/`..`, ≤ 96 chars. */
export function checkRepoName(repo: string): void {
  const part = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/;
  const [ns, name, extra] = repo.split('/');
  const bad = (why: string) => usage(`--repo '${repo}': ${why}; expected ORG/NAME, e.g. acme/support-chats`);
  if (extra !== undefined || !ns || !name) throw bad('not of the form ORG/NAME');
  for (const p of [ns, name]) {
    if (!part.test(p)) throw bad(`'${p}' may hold only letters, digits, '-', '_' and '.', not at either end`);
    if (p.includes('--') || p.includes('..')) throw bad(`'${p}' may not contain '--' or '..'`);
  }
  if (name.length > 96) throw bad('the name is longer than 96 characters');
}

function checkEndpoint(endpoint: string): string {
  let u: URL;
  try {
    u = new URL(endpoint);
  } catch {
    throw usage(`--endpoint '${endpoint}' is not a URL`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:')
    throw usage(`--endpoint '${endpoint}' must be an http(s) URL`);
  return endpoint.replace(/\/+$/, '');
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** The id git gives a blob: what the Hub reports as `oid` for a file not kept in LFS. */
const gitBlobId = (b: Buffer) =>
  createHash('sha1')
    .update(Buffer.concat([Buffer.from(`blob ${b.length}\0`), b]))
    .digest('hex');

/** Turns the client's HTTP failures into errors that say what the Hub answered (exit 1). */
function hubError(e: unknown, what: string): TandemError {
  if (e instanceof TandemError) return e;
  const status = (e as { statusCode?: number }).statusCode;
  const message = e instanceof Error ? e.message : String(e);
  const hint = status === 401 || status === 403 ? ' (is HF_TOKEN valid, with write access to the repo?)' : '';
  return new TandemError('provider', `the Hub refused to ${what}: ${message}${hint}`, { cause: e });
}

export async function pushRelease(store: Store, o: PushOptions): Promise<PushResult> {
  if (!o.token) throw usage('no Hugging Face token: set HF_TOKEN to a token with write access');
  checkRepoName(o.repo);
  const hubUrl = checkEndpoint(o.endpoint ?? DEFAULT_HUB);
  const { release, manifest } = await resolveRelease(store, o.ref);
  if (release.superseded)
    throw usage(
      `${o.ref} was superseded (${release.superseded.reason ?? 'erasure'}); push the version made without the erased records instead`,
    );

  const hub = await import('@huggingface/hub');
  const repo = { type: 'dataset' as const, name: o.repo };
  const common = { repo, hubUrl, accessToken: o.token, ...(o.fetch ? { fetch: o.fetch } : {}) };
  const dir = mkdtempSync(join(tmpdir(), 'tandem-push-'));
  try {
    const ex = await exportRelease(store, {
      ref: o.ref,
      out: dir,
      format: o.format ?? 'parquet',
      license: o.license,
    });
    const paths = [...(o.cardOnly ? [] : ex.files.map((f) => f.path)), ex.card];

    const exists = await hub.repoExists(common).catch((e) => {
      throw hubError(e, `look up ${o.repo}`);
    });
    if (!exists && o.cardOnly)
      throw usage(`--card-only: ${o.repo} does not exist on ${hubUrl}; push the release without it first`);
    if (!exists)
      await hub
        .createRepo({ ...common, ...(o.private ? { visibility: 'private' as const } : {}) })
        .catch((e) => {
          throw hubError(e, `create ${o.repo}`);
        });

    // What the Hub holds now at these paths, to leave out what is already there byte for byte.
    const remote = exists
      ? new Map(
          (
            await hub.pathsInfo({ ...common, paths }).catch((e) => {
              throw hubError(e, `read ${o.repo}`);
            })
          ).map((p) => [p.path, p]),
        )
      : new Map();
    const uploaded: string[] = [];
    const unchanged: string[] = [];
    for (const path of paths) {
      const r = remote.get(path);
      const bytes = readFileSync(join(dir, path));
      const same = r && (r.lfs ? r.lfs.oid === sha256(bytes) : r.oid === gitBlobId(bytes));
      (same ? unchanged : uploaded).push(path);
    }

    let commit: string | null = null;
    if (uploaded.length) {
      const operations = await Promise.all(
        uploaded.map(async (path) => ({
          operation: 'addOrUpdate' as const,
          path,
          content: await openAsBlob(join(dir, path)),
        })),
      );
      const out = await hub
        .commit({
          ...common,
          title: `Release ${manifest.dataset}@${manifest.version}${o.cardOnly ? ' (dataset card)' : ''}`,
          description: `Tandem release ${manifest.dataset}@${manifest.version}: ${manifest.records} records, release hash ${manifest.releaseHash}.`,
          operations,
        })
        .catch((e) => {
          throw hubError(e, `commit to ${o.repo}`);
        });
      commit = out?.commit.oid ?? null;
    }
    // The version's branch points at this commit (or at main, when nothing needed uploading).
    await hub
      .createBranch({
        ...common,
        branch: manifest.version,
        ...(commit ? { revision: commit } : {}),
        overwrite: true,
      })
      .catch((e) => {
        throw hubError(e, `create the branch ${manifest.version}`);
      });
    return {
      dataset: manifest.dataset,
      version: manifest.version,
      repo: o.repo,
      url: `${hubUrl}/datasets/${o.repo}`,
      created: !exists,
      commit,
      branch: manifest.version,
      uploaded,
      unchanged,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
