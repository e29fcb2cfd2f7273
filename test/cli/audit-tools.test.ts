import { afterEach, describe, expect, it, vi } from 'vitest';
import { runEstimate } from '../../src/cli/commands/audit-tools.js';
import { seededRandom } from '../../src/core/random.js';
import { ppiProportion, wilson } from '../../src/stats/estimate/index.js';
import { fixtures } from '../helpers/files.js';
import { runInProcess as cli } from '../helpers/in-process.js';

const file = fixtures('audit-tools', '.jsonl');
const jsonl = (rows: unknown[]) => file(rows.map((r) => JSON.stringify(r)).join('\n'));

afterEach(() => vi.restoreAllMocks());

// 40 audited records (6 wrong) among 400, with a judge that mostly agrees with the auditors.
const random = seededRandom(3);
const rows: { judge: number; human: number | null }[] = [];
for (let i = 0; i < 400; i++) {
  const truth = random.float() < 0.15 ? 1 : 0;
  const judge = random.float() < 0.9 ? truth : 1 - truth;
  rows.push({ judge, human: i < 40 ? truth : null });
}
const sample = jsonl(rows);
const audited = rows.slice(0, 40);
const wrongInSample = audited.filter((r) => r.human === 1).length;

describe('tandem audit estimate', () => {
  it('prints exactly the contract JSON with Wilson by default', async () => {
    const r = await cli(['audit', 'estimate', sample, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['estimate', 'ci', 'n_labelled', 'n_total', 'method']);
    const w = wilson(wrongInSample, 40);
    expect(out).toEqual({
      estimate: w.estimate,
      ci: [w.lo, w.hi],
      n_labelled: 40,
      n_total: 400,
      method: 'wilson',
    });
  });

  it('combines judge and sample with --method ppi, same as the library', async () => {
    const r = await cli(['audit', 'estimate', sample, '--method', 'ppi', '--confidence', '0.9', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const p = ppiProportion(
      {
        labelledHuman: audited.map((x) => x.human!),
        labelledJudge: audited.map((x) => x.judge),
        unlabelledJudge: rows.slice(40).map((x) => x.judge),
      },
      0.9,
    );
    expect(out).toEqual({
      estimate: p.estimate,
      ci: [p.lo, p.hi],
      n_labelled: 40,
      n_total: 400,
      method: 'ppi',
    });
  });

  it('prints a summary for people', async () => {
    const r = await cli(['audit', 'estimate', sample, '--method', 'ppi']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^error rate \d+\.\d\d%, 95% CI \[\d+\.\d\d%, \d+\.\d\d%\]\n/);
    expect(r.stdout).toContain(
      '40 audited of 400 records; prediction-powered inference (PPI++), judge weight λ = ',
    );
  });

  it('reads CRLF, blank lines, a missing human key and a last line without newline', async () => {
    const f = file('{"human":1}\r\n\r\n{"judge":1}\r\n{"human":0,"judge":0}\n   \n{"human":null}');
    const s = await runEstimate(f);
    expect(s.json).toMatchObject({ estimate: 0.5, n_labelled: 2, n_total: 4 });
  });

  it('reads lines split across read chunks and multi-byte text', async () => {
    // Past the 1 MiB chunk: 40,000 lines with a note in Arabic.
    const many = Array.from({ length: 40000 }, (_, i) => ({
      human: i % 4 === 0 ? 1 : 0,
      note: 'خطأ في التاريخ',
    }));
    const s = await runEstimate(jsonl(many));
    expect(s.json).toMatchObject({ estimate: 0.25, n_labelled: 40000, n_total: 40000 });
  });

  it('names file and line for a bad line, exit 2', async () => {
    const cases: [string, RegExp][] = [
      ['{"human":1}\n{"human":1\n', /:2: not valid JSON/],
      ['{"human":1}\n[1]\n', /:2: each line must be an object/],
      ['{"human":1}\n{"human":1}\n{"human":2}\n', /:3: "human" must be 0, 1 or null, found 2/],
      ['{"human":"1"}\n', /:1: "human" must be 0, 1 or null/],
      ['{"human":1,"judge":true}\n', /:1: "judge" must be 0, 1, found true/],
    ];
    for (const [content, message] of cases) {
      const f = file(content);
      const r = await cli(['audit', 'estimate', f]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(f);
      expect(r.stderr).toMatch(message);
    }
  });

  it('refuses PPI without judge values, and a file with nothing audited, exit 2', async () => {
    const noJudge = file('{"human":1,"judge":1}\n{"human":0,"judge":0}\n{"human":null}\n');
    const r = await cli(['audit', 'estimate', noJudge, '--method', 'ppi']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `${noJudge}:3: no "judge" verdict: --method ppi needs the judge on every line`,
    );
    // The same file is fine for Wilson, which ignores the judge.
    expect((await cli(['audit', 'estimate', noJudge])).code).toBe(0);

    const none = file('{"judge":1,"human":null}\n{"judge":0}\n');
    const n = await cli(['audit', 'estimate', none, '--json']);
    expect(n.code).toBe(2);
    expect(JSON.parse(n.stdout).error).toMatchObject({ code: 'bad_input' });
    expect(n.stderr).toContain('no audited line');

    const one = file('{"judge":1,"human":1}\n{"judge":0}\n');
    const o = await cli(['audit', 'estimate', one, '--method', 'ppi']);
    expect(o.code).toBe(2);
    expect(o.stderr).toContain(`${one}: prediction-powered inference needs at least 2 audited records`);
  });

  it('rejects bad flags and a missing file', async () => {
    expect((await cli(['audit', 'estimate', sample, '--method', 'bootstrap'])).code).toBe(2);
    const c = await cli(['audit', 'estimate', sample, '--confidence', '95']);
    expect(c.code).toBe(2);
    expect(c.stderr).toContain('confidence must be strictly between 0 and 1');
    expect((await cli(['audit', 'estimate', sample, '--confidence', 'high'])).code).toBe(2);
    const m = await cli(['audit', 'estimate', `${sample}.missing`]);
    expect(m.code).toBe(2);
  });
});

describe('tandem audit plan', () => {
  it('gives the ISO 2859-1 plan as JSON', async () => {
    const r = await cli(['audit', 'plan', '--lot', '1000', '--aql', '1.0', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      lot: 1000,
      level: 'II',
      aql: 1,
      code_letter: 'J',
      sample_size: 80,
      accept: 2,
      reject: 3,
      inspect_all: false,
    });
  });

  it('follows arrows and explains the plan for people', async () => {
    const r = await cli(['audit', 'plan', '--lot', '1000', '--aql', '0.25', '--level', 'II']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('lot 1000, level II, AQL 0.25');
    expect(r.stdout).toContain("code letter J (the table's arrow leads to the plan of H): inspect 50 items");
    expect(r.stdout).toContain('accept the lot with 0 or fewer nonconforming, reject with 1 or more.');
    const s = await cli(['audit', 'plan', '--lot', '10', '--aql', '0.65', '--level', 'S-1']);
    expect(s.stdout).toContain('inspect all 10 items');
  });

  it('rejects an AQL outside the table, listing the allowed values, and bad flags, exit 2', async () => {
    const r = await cli(['audit', 'plan', '--lot', '1000', '--aql', '2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('AQL 2 is not in ISO 2859-1 Table 2-A: use one of 0.01, 0.015');
    expect((await cli(['audit', 'plan', '--lot', '1000', '--aql', '1', '--level', 'IV'])).code).toBe(2);
    expect((await cli(['audit', 'plan', '--lot', 'many', '--aql', '1'])).code).toBe(2);
    expect((await cli(['audit', 'plan', '--lot', '0', '--aql', '1'])).code).toBe(2);
    expect((await cli(['audit', 'plan', '--aql', '1'])).code).toBe(2);
  });
});
