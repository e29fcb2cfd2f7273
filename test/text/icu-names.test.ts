import { describe, expect, it } from 'vitest';
import { ICU_COUNTRIES, ICU_MONTHS, ICU_VERSION, ICU_WEEKDAYS } from '../../src/text/pii/data/icu-names.js';
import { icuCountryNames, icuDateNames } from '../../src/text/pii/icu-lists.js';
import { analyze } from '../../src/text/pii/index.js';

/**
 * The month, weekday and country names the recognizers take from ICU are read once, by
 * scripts/build-pii-icu-names.mjs, into data/icu-names.ts. On the Node the project is built and tested
 * with (its ICU is the one recorded in the file) they must be exactly what ICU says today: a Node
 * upgrade that changes a spelling fails here until the script is run again. On another ICU the shipped
 * lists must still hold nearly all of its names (CLDR changes a few spellings per release).
 */
describe('shipped ICU names', () => {
  const live = icuDateNames();
  const countries = icuCountryNames();

  if (process.versions.icu === ICU_VERSION) {
    it(`are exactly what this Node's ICU ${ICU_VERSION} writes (else: node scripts/build-pii-icu-names.mjs)`, () => {
      expect(ICU_MONTHS.split('|')).toEqual(live.months);
      expect(ICU_WEEKDAYS.split('|')).toEqual(live.weekdays);
      expect(ICU_COUNTRIES.split('|')).toEqual(countries);
    });
  } else {
    it(`cover ≥ 97% of the names this Node's ICU ${process.versions.icu} writes (shipped: ${ICU_VERSION})`, () => {
      const share = (shipped: string, now: string[]) => {
        const set = new Set(shipped.split('|'));
        return now.filter((n) => set.has(n)).length / now.length;
      };
      expect(share(ICU_MONTHS, live.months)).toBeGreaterThanOrEqual(0.97);
      expect(share(ICU_WEEKDAYS, live.weekdays)).toBeGreaterThanOrEqual(0.97);
      expect(share(ICU_COUNTRIES, countries)).toBeGreaterThanOrEqual(0.97);
    });
  }

  it('are what the recognizers read: an ICU-only spelling finds its date and its country', () => {
    // "marca" (Polish genitive) and "Deutschland" come from ICU, not from a hand-written list.
    expect(analyze('Termin: 3 marca 2021 r.').map((e) => [e.type, e.text])).toEqual([
      ['DATE_TIME', '3 marca 2021'],
    ]);
    expect(analyze('Ich wohne in Deutschland.').map((e) => [e.type, e.text])).toEqual([
      ['LOCATION', 'Deutschland'],
    ]);
  });
});
