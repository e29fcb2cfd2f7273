import { sql } from 'kysely';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ANNOTATION_ROUND } from '../../src/core/rounds.js';
import { scanAnnotation } from '../../src/store/annotation-scan.js';
import type { OpenStore as Store } from '../../src/store/store.js';
import { contextOf } from '../../src/store/store.js';
import { type ApiWorld, apiWorld, recordIdsOf, seedDataset } from '../helpers/api.js';
import { backends } from '../helpers/stores.js';

/**
 * `records.full_until`, the annotation queue's hint: set when a lease takes a record's last open
 * slot, to the soonest expiry of the leases on it; the scan passes a record while the hint lies in
 * the future. A hint only: whatever it says, the live leases decide who gets a record.
 */

interface Setup {
  w: ApiWorld;
  datasetId: number;
  /** Record ids t0, t1, … in order. */
  ids: number[];
  userId: (username: string) => Promise<number>;
}

async function setup(store: Store, overlap: number, records: number, users: string[]): Promise<Setup> {
  const w = await apiWorld(store);
  for (const u of users) await w.addUser(u, 'annotator');
  const d = await seedDataset(store, 'ds', records, { overlap, members: users });
  const ids = await recordIdsOf(store, d.id);
  const userId = async (username: string) =>
    (
      await contextOf(store)
        .db.selectFrom('users')
        .select('id')
        .where('username', '=', username)
        .executeTakeFirstOrThrow()
    ).id;
  return { w, datasetId: d.id, ids, userId };
}

/** The caller's next record through the API, or null (204). */
async function next(w: ApiWorld, user: string): Promise<{ id: number; expiresAt: number } | null> {
  const r = await w.call(user, 'GET', '/api/datasets/ds/next');
  if (r.status === 204) return null;
  expect(r.status).toBe(200);
  const body = r.json();
  return { id: body.record.id, expiresAt: body.lease.expiresAt };
}

const submit = (w: ApiWorld, user: string, id: number) =>
  w.call(user, 'POST', `/api/records/${id}/responses`, {
    values: { sentiment: 'positive' },
    status: 'submitted',
  });

/** A record's nullable number column, as a number. */
async function numberOf(
  store: Store,
  id: number,
  column: 'full_until' | 'open_slots',
): Promise<number | null> {
  const r = await contextOf(store)
    .db.selectFrom('records')
    .select(column)
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const v = (r as Record<string, unknown>)[column];
  return v === null ? null : Number(v);
}
const hintOf = (store: Store, id: number) => numberOf(store, id, 'full_until');
const openSlotsOf = (store: Store, id: number) => numberOf(store, id, 'open_slots');

/** Runs `body` with only Date faked, standing at `t` (now) until the body moves it; timers run as usual. */
async function withFakeDate(body: (t: number) => Promise<void>): Promise<void> {
  const t = Date.now();
  vi.useFakeTimers({ toFake: ['Date'] });
  try {
    vi.setSystemTime(t);
    await body(t);
  } finally {
    vi.useRealTimers();
  }
}

async function setHint(store: Store, id: number, value: number | null): Promise<void> {
  await contextOf(store).db.updateTable('records').set({ full_until: value }).where('id', '=', id).execute();
}

/** Live annotation leases on a record. */
async function liveLeases(store: Store, id: number, at = Date.now()): Promise<number> {
  const r = await contextOf(store)
    .db.selectFrom('assignments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('record_id', '=', id)
    .where('round', '=', ANNOTATION_ROUND)
    .where('kind', '=', 'lease')
    .where('expires_at', '>', at)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * The hint's soundness, on every record: a hint still in the future names a record whose open slots
 * are all taken by live leases, none of which ends before the hint.
 */
async function expectSoundHints(store: Store, wanted: number): Promise<void> {
  const at = Date.now();
  const rows = await sql<{
    id: number;
    full_until: number;
    open: number | null;
    n: number;
    soonest: number | null;
  }>`
    SELECT r.id, r.full_until, r.open_slots AS open,
      (SELECT count(*) FROM assignments a WHERE a.record_id = r.id AND a.round = ${ANNOTATION_ROUND}
        AND a.kind = 'lease' AND a.expires_at > ${at}) AS n,
      (SELECT min(a.expires_at) FROM assignments a WHERE a.record_id = r.id AND a.round = ${ANNOTATION_ROUND}
        AND a.kind = 'lease' AND a.expires_at > ${at}) AS soonest
    FROM records r WHERE r.full_until IS NOT NULL AND r.full_until > ${at}`.execute(contextOf(store).db);
  for (const r of rows.rows) {
    const open = r.open === null ? wanted : Number(r.open);
    expect({ id: r.id, leased: Number(r.n) >= open && open > 0 }).toEqual({ id: r.id, leased: true });
    expect(Number(r.full_until)).toBeLessThanOrEqual(Number(r.soonest));
  }
}

for (const b of backends()) {
  describe.skipIf(b.skip)(`annotation queue lease hint on ${b.name}`, () => {
    const backend = b.make();
    afterAll(() => backend.cleanup());

    /** A fresh store with the dataset and its annotators, closed after `body` whatever happens. */
    async function inWorld(
      overlap: number,
      records: number,
      users: string[],
      body: (s: Setup & { store: Store }) => Promise<void>,
    ): Promise<void> {
      const store = await backend.open();
      const s = await setup(store, overlap, records, users);
      try {
        await body({ ...s, store });
      } finally {
        await s.w.close();
        await store.close();
      }
    }

    it('sets full_until to the earliest expiry when a lease takes the last open slot, and hands others the next record', async () => {
      await inWorld(2, 3, ['a1', 'a2', 'a3'], async ({ store, w, ids }) => {
        const [t0, t1] = ids as [number, number];
        expect(await openSlotsOf(store, t0)).toBeNull();
        const l1 = await next(w, 'a1');
        expect(l1?.id).toBe(t0);
        // One slot of two leased: not full.
        expect(await hintOf(store, t0)).toBeNull();
        const l2 = await next(w, 'a2');
        expect(l2?.id).toBe(t0);
        expect(l1 && l2 && l1.expiresAt <= l2.expiresAt).toBe(true);
        expect(await hintOf(store, t0)).toBe(l1?.expiresAt);
        await expectSoundHints(store, 2);

        expect((await next(w, 'a3'))?.id).toBe(t1);
        // Only one of t1's two slots is leased.
        expect(await hintOf(store, t1)).toBeNull();
        expect(await liveLeases(store, t0)).toBe(2);
        await expectSoundHints(store, 2);
      });
    });

    it('a skip clears full_until and the freed slot goes to the next annotator who asks', async () => {
      await inWorld(2, 3, ['a1', 'a2', 'a3', 'a4'], async ({ store, w, ids }) => {
        const [t0, t1] = ids as [number, number];
        const l1 = await next(w, 'a1');
        const l2 = await next(w, 'a2');
        expect([l1?.id, l2?.id]).toEqual([t0, t0]);
        expect((await next(w, 'a3'))?.id).toBe(t1);
        expect(await hintOf(store, t0)).toBe(l1?.expiresAt);

        expect((await w.call('a1', 'POST', `/api/records/${t0}/skip`)).status).toBe(200);
        expect(await hintOf(store, t0)).toBeNull();
        expect(await liveLeases(store, t0)).toBe(1);
        await expectSoundHints(store, 2);

        // a3 answers t1 and asks again: t0 has a free slot once more.
        expect((await submit(w, 'a3', t1)).status).toBe(200);
        const l3 = await next(w, 'a3');
        expect(l3?.id).toBe(t0);
        // a3's lease took t0's last slot again: the soonest of a2's and a3's leases is a2's.
        expect(await hintOf(store, t0)).toBe(l2?.expiresAt);
        await expectSoundHints(store, 2);
        // a1 skipped t0 and is never offered it again; a4 finds t0 full and gets t1's last slot.
        expect((await next(w, 'a1'))?.id).toBe(t1);
        expect((await next(w, 'a4'))?.id).toBe(ids[2]);
        await expectSoundHints(store, 2);
      });
    });

    it('a submission recomputes full_until from the leases still live, and a full record leaves the queue', async () => {
      await inWorld(2, 3, ['a1', 'a2', 'a3', 'a4'], async ({ store, w, ids }) => {
        const [t0, t1, t2] = ids as [number, number, number];
        const l1 = await next(w, 'a1');
        const l2 = await next(w, 'a2');
        expect([l1?.id, l2?.id]).toEqual([t0, t0]);

        expect((await submit(w, 'a1', t0)).status).toBe(200);
        // One slot left, and a2's live lease holds it: still full, until a2's lease could end.
        expect(await openSlotsOf(store, t0)).toBe(1);
        expect(await hintOf(store, t0)).toBe(l2?.expiresAt);
        await expectSoundHints(store, 2);
        expect((await next(w, 'a3'))?.id).toBe(t1);
        // Nor can a3 answer t0 without a lease: its last slot is a2's.
        expect((await submit(w, 'a3', t0)).status).toBe(409);

        expect((await submit(w, 'a2', t0)).status).toBe(200);
        expect(await openSlotsOf(store, t0)).toBe(0);
        expect(await hintOf(store, t0)).toBeNull();
        await expectSoundHints(store, 2);
        // Both answers in: t0 is out of the queue for everyone.
        expect((await submit(w, 'a3', t1)).status).toBe(200);
        expect((await next(w, 'a3'))?.id).toBe(t2);
        expect((await next(w, 'a4'))?.id).toBe(t1);
        expect(await liveLeases(store, t0)).toBe(0);
        expect(
          (
            await contextOf(store)
              .db.selectFrom('responses')
              .select('id')
              .where('record_id', '=', t0)
              .execute()
          ).length,
        ).toBe(2);
      });
    });

    it('with overlap 3, a submission keeps the hint while the other leases fill the open slots', async () => {
      await inWorld(3, 2, ['a1', 'a2', 'a3', 'a4'], async ({ store, w, ids }) => {
        const [t0, t1] = ids as [number, number];
        const l1 = await next(w, 'a1');
        const l2 = await next(w, 'a2');
        expect(await hintOf(store, t0)).toBeNull();
        const l3 = await next(w, 'a3');
        expect([l1?.id, l2?.id, l3?.id]).toEqual([t0, t0, t0]);
        expect(await hintOf(store, t0)).toBe(l1?.expiresAt);

        expect((await submit(w, 'a1', t0)).status).toBe(200);
        expect(await openSlotsOf(store, t0)).toBe(2);
        expect(await hintOf(store, t0)).toBe(l2?.expiresAt);
        const l4 = await next(w, 'a4');
        expect(l4?.id).toBe(t1);

        expect((await w.call('a3', 'POST', `/api/records/${t0}/skip`)).status).toBe(200);
        expect(await hintOf(store, t0)).toBeNull();
        await expectSoundHints(store, 3);

        // On t1 (a4's lease), a1 takes a second slot and answers: two slots open, one leased, not full.
        expect((await next(w, 'a1'))?.id).toBe(t1);
        expect(await hintOf(store, t1)).toBeNull();
        expect((await submit(w, 'a1', t1)).status).toBe(200);
        expect(await openSlotsOf(store, t1)).toBe(2);
        expect(await hintOf(store, t1)).toBeNull();
        await expectSoundHints(store, 3);
        // a3 (who skipped t0) takes t1's other open slot: full until a4's lease could end.
        expect((await next(w, 'a3'))?.id).toBe(t1);
        expect(await hintOf(store, t1)).toBe(l4?.expiresAt);
        await expectSoundHints(store, 3);
      });
    });

    it('a submission clears full_until when the leases left no longer fill the open slots', async () => {
      await inWorld(2, 2, ['a1', 'a2', 'a3'], async ({ store, w, datasetId, ids, userId }) =>
        withFakeDate(async (t) => {
          const [t0] = ids as [number];
          const l1 = await next(w, 'a1');
          expect(l1?.id).toBe(t0);
          // a2's lease is the later one to be granted but the first to end.
          vi.setSystemTime(t + 1_000);
          const l2 = await store.queue.leaseForAnnotation({
            datasetId,
            userId: await userId('a2'),
            languages: [],
            wanted: 2,
            leaseMs: 60_000,
            held: undefined,
          });
          expect(l2?.recordId).toBe(t0);
          expect(l2?.expiresAt).toBe(t + 61_000);
          expect(l1?.expiresAt).toBeGreaterThan(t + 61_000);
          expect(await hintOf(store, t0)).toBe(t + 61_000);

          // a2's lease runs out; a1 answers.
          vi.setSystemTime(t + 120_000);
          expect((await submit(w, 'a1', t0)).status).toBe(200);
          // One slot open, no live lease on it: not full.
          expect(await openSlotsOf(store, t0)).toBe(1);
          expect(await hintOf(store, t0)).toBeNull();
          expect((await next(w, 'a3'))?.id).toBe(t0);
          await expectSoundHints(store, 2);
        }),
      );
    });

    it('considers a record again once its leases expire, though full_until is still set', async () => {
      await inWorld(2, 2, ['a1', 'a2', 'a3', 'a4'], async ({ store, w, ids }) =>
        withFakeDate(async (t) => {
          const [t0] = ids as [number];
          const l1 = await next(w, 'a1');
          vi.setSystemTime(t + 1_000);
          const l2 = await next(w, 'a2');
          expect([l1?.id, l2?.id]).toEqual([t0, t0]);
          const hint = await hintOf(store, t0);
          expect(hint).toBe(l1?.expiresAt);
          expect(l1?.expiresAt).toBeLessThan(l2?.expiresAt ?? 0);

          // Both leases run out (a1's first, at the hint; then a2's).
          vi.setSystemTime((l2?.expiresAt ?? 0) + 1);
          // Nothing touched the record: the hint is still there, now in the past.
          expect(await hintOf(store, t0)).toBe(hint);
          const l3 = await next(w, 'a3');
          expect(l3?.id).toBe(t0);
          // Both old leases are dead: a3 took one of two free slots, a4 takes the last and sets a new hint.
          expect(await hintOf(store, t0)).toBe(hint);
          vi.setSystemTime((l2?.expiresAt ?? 0) + 2);
          const l4 = await next(w, 'a4');
          expect(l4?.id).toBe(t0);
          expect(await hintOf(store, t0)).toBe(l3?.expiresAt);
          await expectSoundHints(store, 2);

          // Exactly at the hint the record is considered again (the hint says "full until", not through).
          vi.setSystemTime(l3?.expiresAt ?? 0);
          expect((await next(w, 'a1'))?.id).toBe(t0);
        }),
      );
    });

    it('never hands a record out beyond its overlap when the hint is stale or missing', async () => {
      const users = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8'];
      await inWorld(2, 3, users, async ({ store, w, ids }) => {
        const [t0, t1] = ids as [number, number];
        expect((await next(w, 'a1'))?.id).toBe(t0);
        expect((await next(w, 'a2'))?.id).toBe(t0);
        expect(await hintOf(store, t0)).not.toBeNull();

        // A hint far in the past: the scan counts t0's leases and still finds it full.
        await setHint(store, t0, 1);
        expect((await next(w, 'a3'))?.id).toBe(t1);
        expect((await submit(w, 'a4', t0)).status).toBe(409);
        // No hint at all: the same.
        await setHint(store, t0, null);
        expect((await next(w, 'a4'))?.id).toBe(t1);
        expect(await liveLeases(store, t0)).toBe(2);

        // Every hint wiped before each request: the leases alone still keep each record at two.
        const got: (number | null)[] = [];
        for (const u of ['a5', 'a6', 'a7', 'a8']) {
          await contextOf(store).db.updateTable('records').set({ full_until: 1 }).execute();
          got.push((await next(w, u))?.id ?? null);
        }
        expect(got).toEqual([ids[2], ids[2], null, null]);
        for (const id of ids) expect(await liveLeases(store, id)).toBe(2);
      });
    });

    it('the scan passes a record while its hint lies in the future, without counting its leases', async () => {
      await inWorld(2, 2, ['a1'], async ({ store, datasetId, ids, userId }) => {
        const [t0, t1] = ids as [number, number];
        const at = Date.now();
        const scan = async () =>
          scanAnnotation(contextOf(store), {
            datasetId,
            userId: await userId('a1'),
            wanted: 2,
            round: ANNOTATION_ROUND,
            language: undefined,
            after: 0,
            at,
          });
        expect(await scan()).toBe(t0);
        // A hint that says "full for an hour" (wrongly: nobody holds t0) hides it from the scan…
        await setHint(store, t0, at + 3_600_000);
        expect(await scan()).toBe(t1);
        // …until the hour is over.
        await setHint(store, t0, at);
        expect(await scan()).toBe(t0);
      });
    });
  });
}
