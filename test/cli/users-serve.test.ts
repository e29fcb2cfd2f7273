import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { tandem, tandemAsync } from '../helpers/cli.js';
import { fixtures } from '../helpers/files.js';
import { runInProcess } from '../helpers/in-process.js';
import { backends } from '../helpers/stores.js';

const PG = process.env.TANDEM_TEST_POSTGRES;
const postgresStores = backends().find((b) => b.name === 'postgres')!;

const file = fixtures('cli-users', '.db');

/** Starts `tandem serve` on a free port and waits until it says where it listens. */
async function serving(db: string, flags: string[] = []) {
  const run = tandemAsync(['serve', '--port', '0', '--db', db, ...flags]);
  let stderr = '';
  run.child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const deadline = Date.now() + 15_000;
  while (!/Tandem on (\S+)/.test(stderr) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 50));
  return { run, stderr };
}

describe('tandem users and tandem serve', () => {
  it('applies the password policy to given passwords: the rule broken, exit 2', () => {
    const db = `${file('')}.policy`;
    expect(
      tandem(
        ['users', 'add', 'rui', '--role', 'reviewer', '--password-stdin', '--db', db],
        {},
        'a long enough secret\n',
      ).code,
    ).toBe(0);
    // The password policy: the rule broken, exit 2, nothing added or changed.
    const weak = tandem(
      ['users', 'add', 'wes', '--role', 'annotator', '--password-stdin', '--db', db],
      {},
      'password1\n',
    );
    expect(weak.code).toBe(2);
    expect(weak.stderr).toMatch(/at least 15 characters/);
    const common = tandem(
      ['users', 'password', 'rui', '--password-stdin', '--db', db],
      {},
      '1qaz2wsx3edc4rfv\n',
    );
    expect(common.code).toBe(2);
    expect(common.stderr).toMatch(/most common/);
    const changed = tandem(
      ['users', 'password', 'rui', '--password-stdin', '--db', db, '--json'],
      {},
      'another fine passphrase\n',
    );
    expect(changed.code, changed.stderr).toBe(0);
    expect(
      tandem(['users', 'password', 'nobody', '--password-stdin', '--db', db], {}, 'another fine passphrase\n')
        .code,
    ).toBe(1);
  }, 90_000);

  it('adds users with a generated or given password, lists them, and makes tokens', async () => {
    const db = `${file('')}.new`;
    const a = await runInProcess([
      'users',
      'add',
      'ana',
      '--role',
      'annotator',
      '--languages',
      'es,pt',
      '--db',
      db,
      '--json',
    ]);
    expect(a.code, a.stderr).toBe(0);
    const added = JSON.parse(a.stdout);
    expect(added.user).toMatchObject({ username: 'ana', role: 'annotator', languages: ['es', 'pt'] });
    expect(added.password).toMatch(/^[A-Za-z2-9]{20}$/);
    const r = tandem(
      ['users', 'add', 'rui', '--role', 'reviewer', '--password-stdin', '--db', db, '--json'],
      {},
      'a long enough secret\n',
    );
    expect(JSON.parse(r.stdout).password).toBeUndefined();
    expect((await runInProcess(['users', 'add', 'x', '--role', 'boss', '--db', db])).code).toBe(2);
    expect((await runInProcess(['users', 'add', 'ana', '--role', 'annotator', '--db', db])).code).toBe(1);
    expect((await runInProcess(['users', 'list', '--db', db])).stdout).toMatch(
      /ana\s+annotator\s+es,pt\nrui\s+reviewer/,
    );
    const t = await runInProcess(['users', 'token', 'ana', '--db', db]);
    expect(t.stdout.trim()).toMatch(/^tdm_[A-Za-z0-9_-]{43}$/);
  }, 180_000);

  it('serves the API; the first start creates the owner and prints the password once', async () => {
    const db = `${file('')}.new`;
    const data = file(`${JSON.stringify({ id: 'r1', text: 'hello' })}\n`, '.jsonl');
    expect((await runInProcess(['import', data, '--dataset', 'leased', '--db', db])).code).toBe(0);
    expect((await runInProcess(['serve', '--lease', '0', '--db', db])).code).toBe(2);
    const { run, stderr } = await serving(db, ['--lease', '90']);
    const url = /Tandem on (\S+)/.exec(stderr)![1]!;
    const password = /created the owner 'owner' with password (\S+)/.exec(stderr)![1]!;
    expect(await (await fetch(`${url}/api/health`)).json()).toEqual({ ok: true, db: 'sqlite' });
    const login = await fetch(`${url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'owner', password }),
    });
    expect(login.status).toBe(200);
    // --lease 90: a record handed out stays reserved 90 s, not the default 30 minutes.
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const next = await fetch(`${url}/api/datasets/leased/next`, { headers: { cookie } });
    expect(next.status).toBe(200);
    const { lease } = (await next.json()) as { lease: { expiresAt: number | string } };
    const left = new Date(lease.expiresAt).getTime() - Date.now();
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThanOrEqual(90_000);
    // SQLite has no server settings to warn about.
    expect(stderr).not.toMatch(/Warning/);
    run.child.kill('SIGTERM');
    expect((await run.done).code).toBe(0);
  }, 180_000);

  it.skipIf(!PG)('on PostgreSQL, warns at start when the server runs without autovacuum', async () => {
    const backend = postgresStores.make();
    try {
      await (await backend.open()).close();
      const { run, stderr } = await serving(backend.url());
      run.child.kill('SIGTERM');
      expect((await run.done).code).toBe(0);
      const client = new pg.Client({ connectionString: PG });
      await client.connect();
      const off = (await client.query('SHOW autovacuum')).rows[0].autovacuum === 'off';
      await client.end();
      // Before the listening line, so an operator sees it with the URL.
      const warning = stderr.indexOf('Warning: PostgreSQL has autovacuum off');
      if (off) expect(warning).toBeGreaterThanOrEqual(0);
      else expect(warning).toBe(-1);
      expect(stderr.indexOf('Tandem on')).toBeGreaterThan(warning);
    } finally {
      await backend.cleanup();
    }
  });

  it('manages dataset members from the CLI', async () => {
    const db = `${file('')}.new`;
    expect(
      (
        await runInProcess([
          'datasets',
          'create',
          'ds',
          '--settings',
          'examples/support-conversations/settings.yaml',
          '--db',
          db,
        ])
      ).code,
    ).toBe(0);
    for (const u of ['ana', 'bo']) await runInProcess(['users', 'add', u, '--role', 'annotator', '--db', db]);
    const added = await runInProcess(['datasets', 'members', 'ds', '--add', 'ana,bo', '--db', db, '--json']);
    expect(JSON.parse(added.stdout)).toEqual({ dataset: 'ds', members: ['ana', 'bo'] });
    const removed = await runInProcess(['datasets', 'members', 'ds', '--remove', 'ana', '--db', db]);
    expect(removed.stdout.trim()).toBe("Members of 'ds': bo");
    const unknown = await runInProcess(['datasets', 'members', 'ds', '--add', 'zed', '--db', db]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('zed');
  });

  it('ends the demo by serving the annotation app with logins that work', async () => {
    const dir = `${file('')}.demo`;
    const run = tandemAsync(['demo', '--port', '0', '--db', `${dir}.db`, '--out', `${dir}.jsonl`]);
    let stderr = '';
    run.child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const deadline = Date.now() + 60_000;
    while (!/annotation app is on (\S+)/.test(stderr) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    const url = /annotation app is on (\S+)/.exec(stderr)?.[1];
    expect(url, stderr).toBeDefined();
    const password = /log in as annotator\s+password (\S+)/.exec(stderr)![1]!;
    const login = await fetch(`${url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'annotator', password }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const next = await fetch(`${url}/api/datasets/support-demo-app/next`, { headers: { cookie } });
    expect(next.status).toBe(200);
    const body = (await next.json()) as { record: { fields: { conversation: unknown[] } } };
    expect(body.record.fields.conversation.length).toBeGreaterThan(1);
    run.child.kill('SIGTERM');
    expect((await run.done).code).toBe(0);
  }, 180_000);
});
