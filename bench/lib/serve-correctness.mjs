// What the serve benchmarks check in the store once the annotators have stopped: no record with more
// answers than its overlap, none handed to more annotators than its overlap, every acknowledged answer
// stored (and nothing stored that was not acknowledged), no lease left open, open_slots consistent.
import { sql } from 'kysely';
import { openStore } from '../../dist/store/connect.js';
import { contextOf } from '../../dist/store/store.js';
import { badCount, fmt } from './annotator-driver.mjs';

/** Prints the correctness lines; returns true when every check passed. */
export async function checkServeStore(storeUrl, overlap, r) {
  const store = await openStore(storeUrl);
  const rows = async (q) => (await q.execute(contextOf(store).db)).rows;
  const over = await rows(
    sql`SELECT record_id, count(*) AS n FROM responses GROUP BY record_id HAVING count(*) > ${overlap}`,
  );
  const stored = await rows(sql`SELECT record_id, user_id FROM responses WHERE status = 'submitted'`);
  const storedKeys = new Set(stored.map((x) => `${x.record_id}:${x.user_id}`));
  const lost = [...r.acknowledged].filter((k) => !storedKeys.has(k)).length;
  const unacknowledged = [...storedKeys].filter((k) => !r.acknowledged.has(k)).length;
  const leases = Number((await rows(sql`SELECT count(*) AS n FROM assignments WHERE kind = 'lease'`))[0].n);
  const badSlots = Number(
    (
      await rows(sql`SELECT count(*) AS n FROM records r WHERE r.open_slots IS NOT NULL
      AND r.open_slots <> ${overlap} - (SELECT count(*) FROM responses x WHERE x.record_id = r.id
        AND x.status <> 'draft')`)
    )[0].n,
  );
  await store.close();
  const overHanded = [...r.handed.values()].filter((s) => s.size > overlap).length;
  const bad = badCount(r.statuses);
  const same = stored.length === r.acknowledged.size && lost === 0;

  console.log('correctness:');
  console.log(`  over-allocated records: ${over.length} (stored answers > ${overlap})`);
  console.log(
    `  records handed out to more than ${overlap} annotator${overlap === 1 ? '' : 's'}: ${overHanded} (of ${fmt(r.handed.size)})`,
  );
  console.log(
    `  responses stored ${fmt(stored.length)} = submits acknowledged ${fmt(r.acknowledged.size)}: ${same ? 'yes' : 'NO'} (acknowledged but missing ${lost}, stored but not acknowledged ${unacknowledged})`,
  );
  console.log(`  5xx, 409 or transport errors seen by clients: ${bad}`);
  console.log(
    `  leases left open: ${leases}; records whose open_slots disagree with their answers: ${badSlots}`,
  );
  return over.length === 0 && overHanded === 0 && same && bad === 0 && leases === 0 && badSlots === 0;
}
