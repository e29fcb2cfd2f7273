import { describe, expect, it } from 'vitest';
import { MIN_PASSWORD_LENGTH, passwordProblem } from '../../src/server/auth/password-policy.js';

describe('the password policy (NIST SP 800-63B)', () => {
  it('accepts long passphrases and generated passwords', () => {
    expect(passwordProblem('correct horse battery staple')).toBeNull();
    expect(passwordProblem('kT7mQ2xZp9RwBn4vHs8c')).toBeNull();
    expect(passwordProblem('ünïcödé pässwörd ok')).toBeNull();
  });

  it.each([
    ['short1', /at least 15/],
    ['x'.repeat(1001), /at most 1000/],
    ['passwordpassword', /most common|repeated/],
    ['1234567890123456', /most common|sequence|repeated/],
    ['aaaaaaaaaaaaaaaaaa', /repeated/],
    ['abcabcabcabcabcabc', /repeated/],
    ['abcdefghijklmnopq', /sequence/],
    ['zyxwvutsrqponmlk', /sequence/],
  ])('refuses %s', (password, rule) => {
    expect(passwordProblem(password)).toMatch(rule);
  });

  it('refuses the user name inside the password, and the most common passwords whatever their case', () => {
    expect(passwordProblem('my name is annabelle ok', 'annabelle')).toMatch(/user name/);
    // Entries of the shipped list that are long enough to pass the length rule.
    expect(passwordProblem('1qaz2wsx3edc4rfv')).toMatch(/most common/);
    expect(passwordProblem('MomsAnalAdventure')).toMatch(/most common/);
    expect(MIN_PASSWORD_LENGTH).toBe(15);
  });
});
