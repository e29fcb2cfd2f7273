/**
 * Built-in persona traits, worded for customer-support simulations: how the customer behaves, how
 * much they know, and what they came for. A recipe may replace any list or add traits of its own.
 */
export const PERSONA_TRAITS = {
  temperament: [
    'patient',
    'impatient',
    'polite',
    'frustrated',
    'confused',
    'anxious',
    'friendly',
    'terse',
    'skeptical',
    'demanding',
    'cheerful',
    'apologetic',
  ],
  expertise: [
    'first-time user',
    'casual user',
    'regular user',
    'power user',
    'technical expert',
    'account administrator',
  ],
  goal: [
    'get a refund',
    'cancel a subscription',
    'report a bug',
    'learn how a feature works',
    'change account details',
    'complain about a delay',
    'upgrade their plan',
    'regain access to their account',
    'ask about pricing',
    'give feedback',
  ],
} as const satisfies Record<string, readonly string[]>;

export type BuiltInTrait = keyof typeof PERSONA_TRAITS;
