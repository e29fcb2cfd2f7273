import pg from 'pg';

// PostgreSQL's autovacuum by its default rule, run by the bench for a server that has it off (some
// CI machines turn it off; this one does). Without it the figures describe a database no real
// server has: plans made while the answer tables were nearly empty, and the dead rows of every
// finished lease, kept for the whole run. Each tick does what one launcher visit would: for each of
// the schema's tables, VACUUM past 50 + 20% dead rows (or 1000 + 20% inserts since the last vacuum),
// ANALYZE past 50 + 10% changed rows, throttled as autovacuum throttles itself (a 2 ms pause per
// 200 units of page cost), so its work is spread out rather than landing on the figures in bursts.

const RULE = {
  vacuum: (t) => t.n_dead_tup > 50 + 0.2 * t.tuples || t.n_ins_since_vacuum > 1000 + 0.2 * t.tuples,
  analyze: (t) => t.n_mod_since_analyze > 50 + 0.1 * t.tuples,
};

/**
 * Ticks at `firstAt` (performance.now() time) and then every `naptimeMs` until `stop()`: the first
 * always (a live server's first visit comes within a minute of the first answers, which the
 * warm-up stands in for), later ones only when the server's own autovacuum is off.
 */
export function autovacuumStandIn({ connectionString, schema, firstAt, naptimeMs = 60_000 }) {
  const done = []; // { table, action, ms }
  let stopped = false;
  let timer;
  let serverHasIt = null;
  let running = Promise.resolve();
  const client = new pg.Client({ connectionString });
  const ready = client.connect().then(async () => {
    serverHasIt = (await client.query('SHOW autovacuum')).rows[0].autovacuum === 'on';
    // autovacuum_vacuum_cost_delay and _limit's defaults; a manual VACUUM runs unthrottled.
    await client.query("SET vacuum_cost_delay = '2ms'; SET vacuum_cost_limit = 200");
  });

  async function tick() {
    const r = await client.query(
      `SELECT s.relname, s.n_dead_tup, s.n_ins_since_vacuum, s.n_mod_since_analyze,
         greatest(c.reltuples, 0) AS tuples
       FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
       WHERE s.schemaname = $1 ORDER BY s.relname`,
      [schema],
    );
    for (const row of r.rows) {
      const t = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, k === 'relname' ? v : Number(v)]));
      const vacuum = RULE.vacuum(t);
      const analyze = RULE.analyze(t);
      if (!vacuum && !analyze) continue;
      const action = vacuum && analyze ? 'VACUUM ANALYZE' : vacuum ? 'VACUUM' : 'ANALYZE';
      const started = performance.now();
      await client.query(`${action} ${pg.escapeIdentifier(schema)}.${pg.escapeIdentifier(t.relname)}`);
      done.push({ table: t.relname, action, ms: performance.now() - started });
    }
  }

  function schedule(at, first) {
    timer = setTimeout(
      () => {
        running = (async () => {
          if (stopped) return;
          await ready;
          if (first || !serverHasIt) await tick();
          if (!stopped) schedule(performance.now() + naptimeMs, false);
        })();
      },
      Math.max(0, at - performance.now()),
    );
  }
  schedule(firstAt, true);

  return {
    /** Whether the server's own autovacuum is on (null before the first answer). */
    get serverHasIt() {
      return serverHasIt;
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      await ready.catch(() => {});
      await client.end();
      return done;
    },
  };
}

/** One line for the bench's report: what was done, how often, and how long it took. */
export function describeAutovacuum(done, serverHasIt) {
  const byKey = new Map();
  for (const d of done) {
    const key = `${d.action} ${d.table}`;
    const s = byKey.get(key) ?? { n: 0, ms: 0 };
    s.n++;
    s.ms += d.ms;
    byKey.set(key, s);
  }
  const what =
    [...byKey].map(([k, s]) => `${k} ×${s.n} (${Math.round(s.ms)} ms)`).join(', ') || 'nothing due';
  return serverHasIt
    ? `autovacuum: on in the server; the bench ran its first visit in the warm-up: ${what}`
    : `autovacuum: off in this server; the bench stood in for it by its default rule, once in the warm-up and then each minute: ${what} (--no-autovacuum: without)`;
}
