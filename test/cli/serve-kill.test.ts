import { afterAll, describe, expect, it } from 'vitest';
import { contentHash } from '../../src/core/hash.js';
import { datasetSettings } from '../../src/core/settings.js';
import { openStore } from '../../src/store/connect.js';
import { encodeRecord } from '../../src/store/records.js';
import { contextOf } from '../../src/store/store.js';
import { tandemAsync } from '../helpers/cli.js';
import { backends } from '../helpers/stores.js';

// kill -9 during `tandem serve` (issue 16, item 11): annotators answer concurrently, the server is
// killed mid-run and started again, and the store must hold every answer a client saw acknowledged
// (HTTP 200), no record over its overlap, and no record handed to more people than its overlap.
// No timing assertions: the kill comes after a number of acknowledged answers, whenever that is.

const OVERLAP = 2;
const ANNOTATORS = 4;
const RECORDS = 30;
const BEFORE_KILL = 12;
const AFTER_RESTART = 12;

async function serve(db: string) {
  const run = tandemAsync(['serve', '--port', '0', '--db', db]);
  let stderr = '';
  run.child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const deadline = Date.now() + 60_000;
  const listening = () => /Tandem on (\S+)/.exec(stderr);
  while (!listening() && Date.now() < deadline && run.child.exitCode === null)
    await new Promise((r) => setTimeout(r, 50));
  const m = listening();
  if (!m) throw new Error(`tandem serve did not start:\n${stderr}`);
  return { run, url: m[1]! };
}

interface Annotator {
  id: number;
  token: string;
}

/** What the clients saw: records handed to whom, and answers acknowledged with 200. */
class Clients {
  readonly handed = new Map<number, Set<number>>();
  readonly acknowledged = new Set<string>();

  /** Runs every annotator until `stop()` says so or the server goes away (a transport error). */
  async run(url: string, annotators: Annotator[], stop: () => boolean): Promise<void> {
    await Promise.all(annotators.map((a) => this.loop(url, a, stop)));
  }

  private async loop(url: string, a: Annotator, stop: () => boolean) {
    const headers = { authorization: `Bearer ${a.token}` };
    try {
      while (!stop()) {
        const n = await fetch(`${url}/api/datasets/kill/next`, { headers });
        if (n.status === 204) return;
        expect(n.status).toBe(200);
        const id = ((await n.json()) as { record: { id: number } }).record.id;
        const to = this.handed.get(id) ?? new Set();
        to.add(a.id);
        this.handed.set(id, to);
        const s = await fetch(`${url}/api/records/${id}/responses`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({
            values: { sentiment: ['positive', 'negative'][id % 2] },
            status: 'submitted',
          }),
        });
        if (s.status === 200) this.acknowledged.add(`${id}:${a.id}`);
        else expect(s.status, await s.text()).toBe(200);
      }
    } catch (e) {
      // The server was killed under this request: whatever it had not acknowledged may be lost.
      if (!(e instanceof TypeError)) throw e;
    }
  }
}

for (const b of backends()) {
  describe.skipIf(b.skip)(`kill -9 during tandem serve on ${b.name}`, () => {
    const backend = b.make();
    afterAll(() => backend.cleanup());

    it('keeps every acknowledged answer, no record over its overlap or handed out beyond it', async () => {
      const store = await backend.open();
      const db = backend.url();
      const annotators: Annotator[] = [];
      try {
        const settings = datasetSettings.parse({
          fields: [{ name: 'text', type: 'text' }],
          questions: [{ name: 'sentiment', type: 'label', options: ['positive', 'negative'] }],
          distribution: { responsesPerRecord: OVERLAP },
        });
        const d = await store.datasets.create('kill', settings, 'test');
        await store.records.insertEncoded(
          d.id,
          Array.from({ length: RECORDS }, (_, i) => {
            const fields = { text: `record ${i}` };
            return encodeRecord({
              externalId: `r${i}`,
              fields,
              metadata: {},
              provenance: { origin: 'human', author: 'test' },
              contentHash: contentHash(fields),
            });
          }),
          'test',
        );
        const names = Array.from({ length: ANNOTATORS }, (_, i) => `ann${i}`);
        for (const name of names) {
          const u = await store.users.create({ username: name, role: 'annotator' }, 'test');
          annotators.push({ id: u.id, token: await store.auth.createApiToken(u.id, 'test', 'test') });
        }
        await store.members.change(d.id, { add: names }, 'test');
      } finally {
        await store.close();
      }

      const clients = new Clients();
      const first = await serve(db);
      const running = clients.run(first.url, annotators, () => false);
      while (clients.acknowledged.size < BEFORE_KILL && first.run.child.exitCode === null)
        await new Promise((r) => setTimeout(r, 5));
      first.run.child.kill('SIGKILL');
      await first.run.done;
      await running;
      const beforeKill = clients.acknowledged.size;
      expect(beforeKill).toBeGreaterThanOrEqual(BEFORE_KILL);

      const second = await serve(db);
      await clients.run(
        second.url,
        annotators,
        () => clients.acknowledged.size >= beforeKill + AFTER_RESTART,
      );
      second.run.child.kill('SIGTERM');
      await second.run.done;

      const check = await openStore(db);
      try {
        const rows = await contextOf(check)
          .db.selectFrom('responses')
          .select(['record_id', 'user_id', 'status'])
          .execute();
        const stored = new Set(
          rows.filter((r) => r.status === 'submitted').map((r) => `${r.record_id}:${r.user_id}`),
        );
        const lost = [...clients.acknowledged].filter((k) => !stored.has(k));
        expect(lost).toEqual([]);
        const perRecord = new Map<number, number>();
        for (const r of rows) perRecord.set(r.record_id, (perRecord.get(r.record_id) ?? 0) + 1);
        expect([...perRecord.values()].filter((n) => n > OVERLAP)).toEqual([]);
        expect([...clients.handed.entries()].filter(([, to]) => to.size > OVERLAP)).toEqual([]);
        expect(clients.acknowledged.size).toBeGreaterThanOrEqual(beforeKill + 1);
      } finally {
        await check.close();
      }
    }, 180_000);
  });
}
