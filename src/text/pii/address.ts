/**
 * LOCATION: English-style street addresses. A house number (1–6 digits, an optional letter or
 * range), one to four capitalised words (or an ordinal like 5th), a street suffix (every USPS suffix:
 * Street, Avenue, Skyway, Ranch, Vista, Estates, Inlet, Crossing, …, full or abbreviated); optionally a
 * unit (Apt 4B, Suite 200, #12) and ", City, ST 12345" with a US state or Canadian province
 * abbreviation and a ZIP code. Scores: the street alone 0.5; with a unit 0.6; with a state and ZIP
 * 0.85; an address word before it ("live at", "address", "ship to") adds 0.35.
 *
 * Other languages' word order is read by address-intl.ts, cities and countries by location.ts. No PO
 * boxes.
 */

import { boosted, contextPattern, hasContext } from './context.js';
import { type Entity, GATE, type Recognizer, type ScanContext } from './types.js';

/** USPS street suffixes (Publication 28, appendix C1), full and abbreviated, and common British ones. */
const SUFFIX = [
  'Street|St|Avenue|Ave|Av|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Place|Pl|Terrace|Ter|Way|Parkway|Pkwy',
  'Highway|Hwy|Circle|Cir|Square|Sq|Trail|Trl|Crescent|Cres|Close|Row|Alley|Aly|Plaza|Plz|Expressway|Expy|Freeway',
  'Fwy|Turnpike|Tpke|Pike|Mews|Grove|Grv|Gardens|Gdns|Garden|Skyway|Ranch|Vista|Vis|Estates|Ests|Estate|Inlet',
  'Crossing|Xing|Crossroad|Bend|Bluff|Bluffs|Bottom|Branch|Br|Bridge|Brg|Brook|Brooks|Burg|Bypass|Byp|Camp|Canyon',
  'Cyn|Cape|Cpe|Causeway|Cswy|Center|Ctr|Centre|Cliff|Cliffs|Club|Common|Commons|Corner|Corners|Course|Cove|Cv',
  'Creek|Crk|Crest|Curve|Dale|Dam|Divide|Dv|Extension|Ext|Falls|Fls|Ferry|Field|Fields|Flat|Flats|Ford|Forest',
  'Forge|Fork|Forks|Fort|Ft|Gateway|Gtwy|Glen|Gln|Green|Grn|Harbor|Hbr|Haven|Hvn|Heights|Hts|Hill|Hills|Hl|Hollow',
  'Holw|Island|Is|Islands|Isle|Junction|Jct|Key|Ky|Knoll|Knolls|Lake|Lakes|Landing|Lndg|Light|Loaf|Lock|Locks',
  'Lodge|Ldg|Loop|Mall|Manor|Mnr|Meadow|Meadows|Mdws|Mill|Mills|Mission|Msn|Motorway|Mount|Mt|Mountain|Mtn|Neck',
  'Orchard|Orch|Oval|Overpass|Park|Parks|Pass|Passage|Path|Pine|Pines|Plain|Plains|Point|Pt|Points|Port|Prairie',
  'Pr|Radial|Ramp|Rapid|Rapids|Rest|Ridge|Rdg|Ridges|River|Riv|Route|Rte|Run|Shoal|Shore|Shores|Spring|Springs',
  'Spur|Station|Sta|Stravenue|Stream|Summit|Smt|Throughway|Trace|Trce|Track|Trak|Trafficway|Tunnel|Tunl',
  'Underpass|Union|Valley|Vly|Viaduct|Via|View|Vw|Views|Village|Vlg|Ville|Vl|Walk|Walks|Wall|Well|Wells|Wy',
].join('|');
const WORD = "(?:[A-Z][a-z]+(?:['’-][A-Za-z]+)?|\\d{1,3}(?:st|nd|rd|th))";
const STREET = new RegExp(
  `(?<![\\w.,-])\\d{1,6}[A-Za-z]?(?:-\\d{1,6})?,?[ \\t]+(?:(?:N|S|E|W|NE|NW|SE|SW)\\.?[ \\t]+)?(?:${WORD}[ \\t]+){1,4}(?:${SUFFIX})\\b\\.?(?:[ \\t]+(?:N|S|E|W|NE|NW|SE|SW)\\b\\.?)?`,
  'g',
);
const UNIT =
  /,?[ \t]+(?:(?:Apt|Apartment|Suite|Ste|Unit|Floor|Fl|Room|Rm|Bldg|Building)\.?[ \t]*#?|#)[ \t]*[A-Za-z0-9-]{1,6}\b/y;
const STATES =
  'AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC|PR|AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT';
const CITY_STATE_ZIP = new RegExp(
  `,?[ \\t]*(?:\\n[ \\t]*)?(?:[A-Z][a-z]+(?:[ \\t]+[A-Z][a-z]+){0,2},?[ \\t]+)?(?:${STATES})\\.?(?:[ \\t]+(?:\\d{5}(?:-\\d{4})?|[A-Z]\\d[A-Z][ ]?\\d[A-Z]\\d))\\b`,
  'y',
);
const CITY_ONLY = /,[ \t]*[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+){0,2}\b(?![ \t]+[A-Z])/y;

export const STREET_SCORE = 0.5;
export const UNIT_SCORE = 0.6;
export const FULL_ADDRESS_SCORE = 0.85;

const CONTEXT = contextPattern([
  'address*',
  'live at',
  'lives at',
  'living at',
  'reside*',
  'located at',
  'ship to',
  'shipping*',
  'deliver*',
  'send it to',
  'mail it to',
  'moved to',
  'home',
  'dirección*',
  'adresse*',
  'domicilio*',
]);

export const addressRecognizer: Recognizer = {
  name: 'address',
  entities: ['LOCATION'],
  find(text: string, ctx: ScanContext, out: Entity[]): void {
    if (!(ctx.gates & GATE.DIGIT)) return;
    STREET.lastIndex = 0;
    for (let m = STREET.exec(text); m; m = STREET.exec(text)) {
      let end = m.index + m[0].length;
      let base = STREET_SCORE;
      UNIT.lastIndex = end;
      if (UNIT.exec(text)) {
        end = UNIT.lastIndex;
        base = UNIT_SCORE;
      }
      CITY_STATE_ZIP.lastIndex = end;
      if (CITY_STATE_ZIP.exec(text)) {
        end = CITY_STATE_ZIP.lastIndex;
        base = FULL_ADDRESS_SCORE;
      } else {
        CITY_ONLY.lastIndex = end;
        if (CITY_ONLY.exec(text)) end = CITY_ONLY.lastIndex;
      }
      const s = text.slice(m.index, end).replace(/[ \t]+$/, '');
      const score = boosted(base, hasContext(text, m.index, CONTEXT, ctx.contextWords));
      out.push({ type: 'LOCATION', start: m.index, end: m.index + s.length, text: s, score });
      STREET.lastIndex = end;
    }
  },
};
