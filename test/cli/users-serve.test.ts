import { describe, expect, it } from 'vitest';
import { tandem, tandemAsync } from '../helpers/cli.js';
import { fixtures } from '../helpers/files.js';

const file = fixtures('cli-users', '.db');

describe('tandem users and tandem serve', () => {
  it('adds users with a generated or given password, lists them, and makes tokens', () => {
    const db = `${file('')}.new`;
    const a = tandem([
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
    expect(tandem(['users', 'add', 'x', '--role', 'boss', '--db', db]).code).toBe(2);
    expect(tandem(['users', 'add', 'ana', '--role', 'annotator', '--db', db]).code).toBe(1);
    expect(tandem(['users', 'list', '--db', db]).stdout).toMatch(/ana\s+annotator\s+es,pt\nrui\s+reviewer/);
    const t = tandem(['users', 'token', 'ana', '--db', db]);
    expect(t.stdout.trim()).toMatch(/^tdm_[A-Za-z0-9_-]{43}$/);
  });

  it('serves the API; the first start creates the owner and prints the password once', async () => {
    const db = `${file('')}.new`;
    const run = tandemAsync(['serve', '--port', '0', '--db', db]);
    let stderr = '';
    run.child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const deadline = Date.now() + 15_000;
    while (!/Tandem API on (\S+)/.test(stderr) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    const url = /Tandem API on (\S+)/.exec(stderr)![1]!;
    const password = /created the owner 'owner' with password (\S+)/.exec(stderr)![1]!;
    expect(await (await fetch(`${url}/api/health`)).json()).toEqual({ ok: true, db: 'sqlite' });
    const login = await fetch(`${url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'owner', password }),
    });
    expect(login.status).toBe(200);
    run.child.kill('SIGTERM');
    expect((await run.done).code).toBe(0);
  });
});
