import { describe, expect, it } from 'vitest';
import { judgeRow } from '../../../src/cli/commands/check.js';
import { unwrapChecks } from '../../../src/stages/checks/run-checks.js';

describe('check --config files', () => {
  it('accept the checks alone, the `checks:` wrapper the settings use, or a whole settings file', () => {
    const checks = { pii: { enabled: false }, quality: { min_chars: 20 } };
    expect(unwrapChecks(checks)).toEqual(checks);
    expect(unwrapChecks({ checks })).toEqual(checks);
    expect(unwrapChecks({ fields: [{ name: 'text' }], checks })).toEqual(checks);
    expect(unwrapChecks(undefined)).toBeUndefined();
  });

  it('refuse a `checks:` that is not a mapping, naming it', () => {
    expect(() => unwrapChecks({ checks: ['pii'] })).toThrow(/checks: expected a mapping/);
  });
});

describe('the judge in the check summary', () => {
  it('is a row of the table, not raw JSON', () => {
    const row = judgeRow({
      judged: 40,
      passed: 35,
      failed: 5,
      errors: 1,
      costUsd: 0.0123,
      inputTokens: 1000,
      outputTokens: 200,
      byCriterion: { clarity: { mean: 3.456, min: 1, max: 5 } },
    });
    expect(row).toEqual([
      'judge',
      '40',
      '5',
      '1 without a verdict; clarity mean 3.46 (1–5); 1200 tokens, $0.0123',
    ]);
  });
});
