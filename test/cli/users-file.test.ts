import { describe, expect, it } from 'vitest';
import { fixtures } from '../helpers/files.js';
import { runInProcess } from '../helpers/in-process.js';

const file = fixtures('cli-users-file', '.csv');

/** `tandem users add --file`: many users in one command, all or none (issue 17, item 8). */
describe('tandem users add --file', () => {
  it('creates every user of a CSV file with roles, languages, memberships and tokens in one go', async () => {
    const db = `${file('')}.db`;
    const data = file(`${JSON.stringify({ id: 'r1', text: 'hello' })}\n`, '.jsonl');
    expect((await runInProcess(['import', data, '--dataset', 'support', '--db', db])).code).toBe(0);
    expect((await runInProcess(['import', data, '--dataset', 'billing', '--db', db])).code).toBe(0);
    const csv = file(
      [
        'username,role,languages,datasets,password',
        'ann1,annotator,"es,pt",support billing,',
        'ann2,,en,support,a long enough secret phrase',
        'rev1,reviewer,,,',
      ].join('\n'),
    );
    const r = await runInProcess([
      'users',
      'add',
      '--file',
      csv,
      '--role',
      'annotator',
      '--tokens',
      '--db',
      db,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      user: { username: string; role: string; languages: string[] };
      password?: string;
      token?: string;
    }[];
    expect(out.map((u) => [u.user.username, u.user.role, u.user.languages])).toEqual([
      ['ann1', 'annotator', ['es', 'pt']],
      ['ann2', 'annotator', ['en']],
      ['rev1', 'reviewer', []],
    ]);
    // Generated passwords are shown (once); a given one is not; every user got a token.
    expect(out[0]!.password).toMatch(/^[A-Za-z2-9]{20}$/);
    expect(out[1]!.password).toBeUndefined();
    for (const u of out) expect(u.token).toMatch(/^tdm_/);
    const members = await runInProcess(['datasets', 'members', 'support', '--db', db, '--json']);
    expect(JSON.parse(members.stdout).members).toEqual(['ann1', 'ann2']);
    const billing = await runInProcess(['datasets', 'members', 'billing', '--db', db, '--json']);
    expect(JSON.parse(billing.stdout).members).toEqual(['ann1']);

    // The same from JSON lines, printed for people, with labelled tokens.
    const jsonl = file(
      `${JSON.stringify({ username: 'ann3', role: 'annotator', languages: ['fr'], token: 'script' })}\n`,
      '.jsonl',
    );
    const human = await runInProcess(['users', 'add', '--file', jsonl, '--db', db]);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toMatch(/Added 1 user .*shown once/);
    expect(human.stdout).toMatch(/ann3\s+annotator\s+password: \S{20} token: tdm_/);
  }, 60_000);

  it('reports every bad row with its line and creates nobody', async () => {
    const db = `${file('')}.db`;
    expect((await runInProcess(['users', 'add', 'taken', '--role', 'annotator', '--db', db])).code).toBe(0);
    const csv = file(
      [
        'username,role,password,datasets',
        'good1,annotator,,',
        'bad name,annotator,,',
        'good2,boss,,',
        'good3,annotator,password123,',
        'taken,annotator,,',
        'good1,reviewer,,',
        'good4,annotator,,nope',
      ].join('\n'),
    );
    const r = await runInProcess(['users', 'add', '--file', csv, '--db', db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`6 problems in ${csv}; no user was created`);
    expect(r.stderr).toMatch(new RegExp(`${csv}:3: username: letters, digits`));
    expect(r.stderr).toMatch(new RegExp(`${csv}:4: role: `));
    expect(r.stderr).toMatch(new RegExp(`${csv}:5: password: a password needs at least 15 characters`));
    expect(r.stderr).toContain(`${csv}:6: user 'taken' already exists`);
    expect(r.stderr).toContain(`${csv}:7: user 'good1' is also in line 2`);
    expect(r.stderr).toContain(`${csv}:8: dataset 'nope' does not exist`);
    const list = await runInProcess(['users', 'list', '--db', db, '--json']);
    expect(JSON.parse(list.stdout).map((u: { username: string }) => u.username)).toEqual(['taken']);

    const extra = file('username,role,email\nx,annotator,x@example.com\n');
    const e = await runInProcess(['users', 'add', '--file', extra, '--db', db]);
    expect(e.code).toBe(2);
    expect(e.stderr).toContain(`${extra}:2: unknown column email`);
    expect((await runInProcess(['users', 'add', 'y', '--file', extra, '--db', db])).code).toBe(2);
    expect((await runInProcess(['users', 'add', '--db', db])).code).toBe(2);
  }, 60_000);
});
