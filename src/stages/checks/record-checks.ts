import type { DatasetRecord } from '../../core/record.js';
import type { DatasetSettings } from '../../core/settings.js';
import type { ContaminationIndex } from '../../text/decontaminate.js';
import { chatLanguageTurns, languageMismatch } from '../../text/language-checks.js';
import { findOffensive } from '../../text/offensive.js';
import { analyze } from '../../text/pii/analyze.js';
import { mergeFindings } from '../../text/pii/model.js';
import { mask } from '../../text/pii/operators.js';
import type { Entity, EntityType } from '../../text/pii/types.js';
import { chatChecks } from '../../text/quality/chat.js';
import { qualityChecks } from '../../text/quality/index.js';
import type { ChecksConfig } from './config.js';
import { describePart, type RecordTexts } from './record-texts.js';

/**
 * The checks that look at one record at a time. Each returns a verdict with the evidence a reviewer
 * needs (which field or turn, what matched and why), bounded in size, and never the personal data it
 * found: a PII finding shows the type and where, with the value masked.
 */

export interface CheckOutcome {
  check: string;
  passed: boolean;
  score: number | null;
  details: Record<string, unknown>;
}

export interface RecordChecker {
  name: string;
  check(record: DatasetRecord, texts: RecordTexts): CheckOutcome;
}

const MAX_FINDINGS = 20;
const wordCount = (s: string) => (s.match(/[\p{L}\p{N}]+/gu) ?? []).length;

export function recordCheckers(
  config: ChecksConfig,
  settings: DatasetSettings,
  evalIndex: ContaminationIndex | undefined,
  modelFindings?: (text: string) => readonly Entity[],
): RecordChecker[] {
  const out: RecordChecker[] = [];
  if (config.pii.enabled) {
    const entities = config.pii.types as EntityType[] | undefined;
    const options = { minScore: config.pii.min_score, ...(entities ? { entities } : {}) };
    // The model's findings for a text were computed before the page was checked (model-findings.ts).
    const find = (text: string) =>
      modelFindings
        ? mergeFindings(analyze(text, options), modelFindings(text), entities)
        : analyze(text, options);
    out.push({
      name: 'pii',
      check(_r, t) {
        const findings = t.parts.flatMap((p) =>
          find(p.text).map((e) => ({
            where: describePart(p),
            type: e.type,
            start: e.start,
            end: e.end,
            // The redaction operator's mask: the kind of value shows, the value does not.
            masked: mask(e.text, 2),
            score: e.score,
          })),
        );
        const types = [...new Set(findings.map((f) => f.type))];
        return {
          check: 'pii',
          passed: findings.length === 0,
          score: findings.reduce((m, f) => Math.max(m, f.score), 0) || null,
          details: { count: findings.length, types, findings: findings.slice(0, MAX_FINDINGS) },
        };
      },
    });
  }
  if (config.language.enabled) {
    const threshold = config.language.threshold;
    out.push({
      name: 'language',
      check(r, t) {
        const expected = r.language ? [r.language] : settings.languages;
        const problems: Record<string, unknown>[] = [];
        for (const p of t.parts) {
          if (p.turn !== undefined || expected.length === 0) continue;
          const m = languageMismatch(p.text, expected, { threshold });
          if (m.flagged)
            problems.push({ where: describePart(p), detected: m.lang, score: m.score, reason: m.reason });
        }
        for (const c of t.chats) {
          // Without a record language, the conversation's own majority language is expected.
          for (const turn of chatLanguageTurns(c.messages, expected.length ? expected : undefined, {
            threshold,
          })) {
            problems.push({
              where: `${c.field}[${turn.index}] (${turn.role})`,
              detected: turn.lang,
              score: turn.score,
              reason: turn.reason,
            });
          }
        }
        return {
          check: 'language',
          passed: problems.length === 0,
          score: null,
          details: { expected, problems: problems.slice(0, MAX_FINDINGS) },
        };
      },
    });
  }
  if (config.quality.enabled) {
    const q = config.quality;
    out.push({
      name: 'quality',
      check(r, t) {
        const failures: Record<string, unknown>[] = [];
        for (const p of t.parts) {
          if (p.turn !== undefined || wordCount(p.text) < q.min_words) continue;
          const report = qualityChecks(p.text, q.thresholds);
          for (const f of report.failures) failures.push({ where: describePart(p), ...f });
        }
        for (const c of t.chats) {
          const report = chatChecks(c.messages, r.language ? { language: r.language } : {});
          for (const issue of report.issues)
            failures.push({
              where: c.field,
              rule: `chat.${issue.kind}`,
              turns: issue.turns,
              message: issue.message,
            });
        }
        return {
          check: 'quality',
          passed: failures.length === 0,
          score: null,
          details: { failures: failures.slice(0, MAX_FINDINGS) },
        };
      },
    });
  }
  if (config.offensive.enabled) {
    out.push({
      name: 'offensive',
      check(r, t) {
        const matches = t.parts
          .filter((p) => p.role !== 'system')
          .flatMap((p) =>
            findOffensive(p.text, offensiveOptions(r.language)).map((m) => ({
              where: describePart(p),
              term: m.term,
              match: m.match,
              language: m.language,
              source: m.source,
            })),
          );
        return {
          check: 'offensive',
          passed: matches.length === 0,
          score: null,
          details: { count: matches.length, matches: matches.slice(0, MAX_FINDINGS) },
        };
      },
    });
  }
  if (evalIndex) {
    out.push({
      name: 'decontaminate',
      check(_r, t) {
        const hits = evalIndex.findContamination(t.joined);
        return {
          check: 'decontaminate',
          passed: hits.length === 0,
          score: hits.reduce((m, h) => Math.max(m, h.fraction), 0) || null,
          details: {
            items: hits
              .slice(0, MAX_FINDINGS)
              .map((h) => ({ evalId: h.evalId, ngram: h.ngram, fraction: h.fraction })),
          },
        };
      },
    });
  }
  return out;
}

/**
 * obscenity's list is English: on French or Portuguese text it finds "retard" (delay) and "cum"
 * (Portuguese "cumprimento"). A record in another language is checked against that language's
 * naughty-words list only.
 */
function offensiveOptions(language: string | null): Parameters<typeof findOffensive>[1] {
  if (!language || language.toLowerCase().startsWith('en')) return { language: 'en' };
  return { language, sources: ['naughty-words'] };
}
