/**
 * Every recognizer's gates, compiled into one automaton (gate-automaton.ts): `scanGates` reads a text
 * once and returns the GATE bits it passes, which the analyzer hands to the recognizers in their
 * ScanContext. The automaton is built on first use (a few milliseconds), not when the module loads.
 */

import { ADDRESS_GATES } from './address-intl.js';
import { CARD_GATES } from './credit-card.js';
import { DATE_GATES } from './date.js';
import { GateAutomaton } from './gate-automaton.js';
import { ASCII_DIGIT, one, pattern } from './gate-pattern.js';
import { IBAN_GATES } from './iban.js';
import { LOCATION_GATES } from './location.js';
import { NATIONAL_ID_GATES } from './national-ids.js';
import { NETWORK_GATES } from './network.js';
import { LEAD_GATES } from './person.js';
import { SCRIPT_NAME_GATES } from './person-scripts.js';
import { SECRET_GATES } from './secrets.js';
import { GATE } from './types.js';

/** The analyzer's own: any ASCII digit; any Arabic-Indic (٠-٩), Persian (۰-۹) or Devanagari (०-९) digit. */
const DIGIT_GATES = [
  pattern(GATE.DIGIT, one(ASCII_DIGIT)),
  pattern(GATE.OTHER_DIGIT, one([0x660, 0x669, 0x6f0, 0x6f9, 0x966, 0x96f])),
];

let automaton: GateAutomaton | undefined;

function build(): GateAutomaton {
  automaton = new GateAutomaton([
    ...DIGIT_GATES,
    ...ADDRESS_GATES,
    ...CARD_GATES,
    ...DATE_GATES,
    ...IBAN_GATES,
    ...LOCATION_GATES,
    ...NATIONAL_ID_GATES,
    ...NETWORK_GATES,
    ...LEAD_GATES,
    ...SCRIPT_NAME_GATES,
    ...SECRET_GATES,
  ]);
  return automaton;
}

/** The GATE bits `text` passes. */
export function scanGates(text: string): number {
  return (automaton ?? build()).scan(text);
}
