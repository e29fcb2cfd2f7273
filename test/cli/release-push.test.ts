import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tandem, tandemAsync } from '../helpers/cli.js';
import { type HubStandIn, startHubStandIn } from '../helpers/hub-stand-in.js';

const dir = mkdtempSync(join(tmpdir(), 'tandem-push-cli-'));
const db = join(dir, 'push.db');
let hub: HubStandIn;

beforeAll(async () => {
  hub = await startHubStandIn();
  const file = join(dir, 'data.jsonl');
  writeFileSync(
    file,
    `${Array.from({ length: 20 }, (_, i) => JSON.stringify({ id: `c${i}`, text: `question number ${i}` })).join('\n')}\n`,
  );
  expect(tandem(['import', file, '--dataset', 's', '--db', db]).code).toBe(0);
  const r = tandem(['release', 'create', '--dataset', 's', '--version', '1.0.0', '--db', db]);
  expect(r.code, r.stderr).toBe(0);
});
afterAll(async () => {
  await hub?.close();
  rmSync(dir, { recursive: true, force: true });
});

// CLI runs spawn the built bin: slow on a loaded machine, so generous time limits (not assertions).
describe('tandem release push (CLI)', { timeout: 120_000 }, () => {
  it('exits 2 with a clear message on no token, a bad repo name and an unknown release', () => {
    const env = { HF_TOKEN: hub.token, HF_ENDPOINT: hub.url };
    for (const [args, e, message] of [
      [['s@1.0.0', '--repo', 'acme/s'], { HF_TOKEN: '', HF_ENDPOINT: hub.url }, /HF_TOKEN/],
      [['s@1.0.0', '--repo', 'acme'], env, /--repo 'acme'.*ORG\/NAME/],
      [['s@2.0.0', '--repo', 'acme/s'], env, /s@2\.0\.0 does not exist/],
      [['s@1.0.0', '--repo', 'acme/s', '--endpoint', 'nowhere'], env, /--endpoint 'nowhere'/],
    ] as const) {
      const r = tandem(['release', 'push', ...args, '--db', db], e);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    expect(hub.requests).toEqual([]);
  });

  it('pushes to the Hub named by HF_ENDPOINT, and --card-only uploads no data', async () => {
    const env = { HF_TOKEN: hub.token, HF_ENDPOINT: hub.url };
    const first = await tandemAsync(['release', 'push', 's@1.0.0', '--repo', 'acme/s', '--db', db], env).done;
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/Pushed s@1\.0\.0 .*acme\/s \(repository created\)/);
    expect(first.stdout).toMatch(/uploaded {2}data\/train\.parquet/);
    expect(hub.uploads).toHaveLength(1);

    const card = await tandemAsync(
      [
        'release',
        'push',
        's@1.0.0',
        '--repo',
        'acme/s',
        '--card-only',
        '--license',
        'mit',
        '--json',
        '--db',
        db,
      ],
      env,
    ).done;
    expect(card.code, card.stderr).toBe(0);
    expect(JSON.parse(card.stdout)).toMatchObject({
      uploaded: ['README.md'],
      unchanged: [],
      branch: '1.0.0',
    });
    expect(hub.uploads).toHaveLength(1);
  });
});
