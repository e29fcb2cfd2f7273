import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the Hugging Face Hub's HTTP API: exactly the endpoints `@huggingface/hub`
 * calls for repoExists, createRepo, pathsInfo, commit (preupload, the LFS batch with the "basic"
 * transfer, the PUT of each object, the ndjson commit) and createBranch. It keeps repositories in
 * memory, checks the bearer token, verifies every uploaded object's sha256, and counts the uploads
 * so tests can prove what was (not) sent.
 */

interface HubFile {
  /** Set for LFS files: the sha256 of the content. */
  lfs?: string;
  content: Buffer;
}

interface HubCommit {
  oid: string;
  title: string;
  description: string;
  paths: string[];
}

export interface HubRepo {
  visibility: string | undefined;
  files: Map<string, HubFile>;
  commits: HubCommit[];
  branches: Map<string, string>;
}

export interface HubStandIn {
  url: string;
  token: string;
  repos: Map<string, HubRepo>;
  /** Every LFS object PUT the stand-in received, by path in the commit that used it. */
  uploads: { oid: string; bytes: number }[];
  requests: string[];
  close(): Promise<void>;
}

const gitBlobId = (b: Buffer) =>
  createHash('sha1')
    .update(Buffer.concat([Buffer.from(`blob ${b.length}\0`), b]))
    .digest('hex');

async function body(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, status: number, json: unknown, type = 'application/json'): void {
  res.writeHead(status, { 'content-type': type });
  res.end(JSON.stringify(json));
}

export async function startHubStandIn(token = 'hf_test_token'): Promise<HubStandIn> {
  const repos = new Map<string, HubRepo>();
  const objects = new Map<string, Buffer>();
  const uploads: HubStandIn['uploads'] = [];
  const requests: string[] = [];
  let base = '';

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', base);
    const path = decodeURIComponent(url.pathname);
    requests.push(`${req.method} ${path}`);
    const data = await body(req);
    // Object uploads carry no token on the real Hub either (the batch answer's URL is the grant).
    const put = /^\/lfs-objects\/([0-9a-f]{64})$/.exec(path);
    if (req.method === 'PUT' && put) {
      const oid = put[1]!;
      if (createHash('sha256').update(data).digest('hex') !== oid)
        return send(res, 400, { error: 'sha256 mismatch' });
      objects.set(oid, data);
      uploads.push({ oid, bytes: data.length });
      return send(res, 200, {});
    }
    if (req.headers.authorization !== `Bearer ${token}`)
      return send(res, 401, { error: 'Invalid credentials in Authorization header' });

    if (req.method === 'POST' && path === '/api/repos/create') {
      const p = JSON.parse(data.toString()) as {
        name: string;
        organization: string;
        type: string;
        visibility?: string;
      };
      const id = `${p.organization}/${p.name}`;
      if (p.type !== 'dataset') return send(res, 400, { error: `unexpected type ${p.type}` });
      if (repos.has(id)) return send(res, 409, { error: 'You already created this dataset repo' });
      repos.set(id, { visibility: p.visibility, files: new Map(), commits: [], branches: new Map() });
      return send(res, 200, { url: `${base}/datasets/${id}`, id });
    }

    const m = /^\/api\/datasets\/([^/]+\/[^/]+)(?:\/([a-z-]+)\/(.+))?$/.exec(path);
    const lfsBatch = /^\/datasets\/([^/]+\/[^/]+)\.git\/info\/lfs\/objects\/batch$/.exec(path);
    const id = m?.[1] ?? lfsBatch?.[1];
    const repo = id ? repos.get(id) : undefined;
    if (!id) return send(res, 404, { error: 'no such route' });
    if (!repo) return send(res, 404, { error: 'Repository not found' });

    if (lfsBatch && req.method === 'POST') {
      const p = JSON.parse(data.toString()) as { objects: { oid: string; size: number }[] };
      return send(
        res,
        200,
        {
          transfer: 'basic',
          objects: p.objects.map((o) => ({
            oid: o.oid,
            size: o.size,
            ...(objects.has(o.oid) ? {} : { actions: { upload: { href: `${base}/lfs-objects/${o.oid}` } } }),
          })),
        },
        'application/vnd.git-lfs+json',
      );
    }
    const [, , action, rest] = m!;
    if (req.method === 'GET' && !action)
      return send(res, 200, { id, private: repo.visibility === 'private' });
    if (req.method === 'POST' && action === 'paths-info') {
      const p = JSON.parse(data.toString()) as { paths: string[] };
      const out = p.paths.flatMap((fp) => {
        const f = repo.files.get(fp);
        if (!f) return [];
        return [
          {
            type: 'file',
            path: fp,
            size: f.content.length,
            oid: gitBlobId(f.lfs ? Buffer.from(`lfs pointer ${f.lfs}`) : f.content),
            ...(f.lfs ? { lfs: { oid: f.lfs, size: f.content.length, pointerSize: 130 } } : {}),
          },
        ];
      });
      return send(res, 200, out);
    }
    if (req.method === 'POST' && action === 'preupload') {
      const p = JSON.parse(data.toString()) as { files: { path: string }[] };
      // Like the Hub's default .gitattributes: the card stays in git, data goes to LFS.
      return send(res, 200, {
        files: p.files.map((f) => ({ path: f.path, uploadMode: f.path.endsWith('.md') ? 'regular' : 'lfs' })),
      });
    }
    if (req.method === 'POST' && action === 'commit') {
      const lines = data
        .toString()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { key: string; value: Record<string, string> });
      const header = lines.find((l) => l.key === 'header')?.value ?? {};
      const paths: string[] = [];
      for (const l of lines) {
        if (l.key === 'file') {
          repo.files.set(l.value.path!, { content: Buffer.from(l.value.content!, 'base64') });
          paths.push(l.value.path!);
        } else if (l.key === 'lfsFile') {
          const content = objects.get(l.value.oid!);
          if (!content) return send(res, 400, { error: `LFS object ${l.value.oid} was never uploaded` });
          repo.files.set(l.value.path!, { lfs: l.value.oid!, content });
          paths.push(l.value.path!);
        } else if (l.key !== 'header') return send(res, 400, { error: `unexpected operation ${l.key}` });
      }
      if (!paths.length) return send(res, 400, { error: 'No files have been modified since last commit' });
      const oid = randomBytes(20).toString('hex');
      repo.commits.push({ oid, title: header.summary ?? '', description: header.description ?? '', paths });
      repo.branches.set(rest ?? 'main', oid);
      return send(res, 200, { commitOid: oid, commitUrl: `${base}/datasets/${id}/commit/${oid}` });
    }
    if (req.method === 'POST' && action === 'branch') {
      const p = JSON.parse(data.toString()) as { startingPoint?: string; overwrite?: boolean };
      if (repo.branches.has(rest!) && !p.overwrite) return send(res, 409, { error: 'branch exists' });
      const at = p.startingPoint ?? repo.branches.get('main');
      if (!at) return send(res, 400, { error: 'nothing to branch from' });
      repo.branches.set(rest!, at);
      return send(res, 200, {});
    }
    return send(res, 404, { error: `no route ${req.method} ${path}` });
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => send(res, 500, { error: String(e) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    token,
    repos,
    uploads,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
