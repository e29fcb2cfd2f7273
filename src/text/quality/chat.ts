/**
 * Structural checks of a conversation (OpenAI message shape, src/core/fields.ts). Each issue names
 * the turns involved (0-based indexes into the messages), so a reviewer can jump to them.
 *
 * - empty_turn: a turn whose content is empty or whitespace only.
 * - system_not_first: a system turn after a non-system turn.
 * - assistant_first: the first turn after the system prompt(s) is the assistant's.
 * - consecutive_same_role: two user turns or two assistant turns in a row.
 * - tool_without_call: a tool turn not preceded by an assistant turn (tool turns may follow each
 *   other: parallel calls).
 * - no_assistant_turn: nothing to learn from (turns: []).
 * - last_turn_not_assistant: the conversation ends on a user turn (trainers ignore it).
 * - duplicate_consecutive_turn: a turn identical to the one before (case, spacing ignored).
 * - assistant_repeats_user: an assistant turn identical to an earlier user turn.
 * - truncated_ending: the last assistant turn stops mid-way: an unclosed code fence, bracket or
 *   quote, a final comma/colon or conjunction, or no sentence-final punctuation in any script.
 *   Endings that need none are accepted: a closed code block, a list item, a table row, an
 *   emoji or emoticon, a URL.
 * - overlong_turn: a turn longer than `maxTurnChars` code points (default 32,000, about 8k tokens
 *   of English; null disables).
 */
import type { ChatMessage } from '../../core/values.js';
import { codePoints, endsWithTerminalPunctuation, primaryLanguage } from './text-units.js';

export type ChatIssueKind =
  | 'empty_turn'
  | 'system_not_first'
  | 'assistant_first'
  | 'consecutive_same_role'
  | 'tool_without_call'
  | 'no_assistant_turn'
  | 'last_turn_not_assistant'
  | 'duplicate_consecutive_turn'
  | 'assistant_repeats_user'
  | 'truncated_ending'
  | 'overlong_turn';

export interface ChatIssue {
  kind: ChatIssueKind;
  /** The turns involved; empty for an issue of the whole conversation. */
  turns: number[];
  message: string;
}

export interface ChatCheckOptions {
  /** Longest acceptable turn in code points; null disables. Default 32,000. */
  maxTurnChars?: number | null;
  /** The conversation's language (BCP 47): picks the conjunctions a truncated turn may end on. */
  language?: string;
}

export interface ChatCheckResult {
  passed: boolean;
  issues: ChatIssue[];
}

/** Words a finished sentence does not end on (lower case; only these spellings count). */
const DANGLING: Record<string, readonly string[]> = {
  en: [
    'and',
    'or',
    'but',
    'because',
    'nor',
    'although',
    'whereas',
    'unless',
    'than',
    'the',
    'an',
    'of',
    'with',
  ],
  de: [
    'und',
    'oder',
    'aber',
    'weil',
    'dass',
    'denn',
    'sondern',
    'der',
    'des',
    'dem',
    'ein',
    'eine',
    'einem',
    'einen',
  ],
  fr: ['et', 'ou', 'mais', 'car', 'parce', 'que', 'qui', 'le', 'la', 'les', 'des', 'du', 'un', 'une', 'de'],
  es: ['y', 'o', 'pero', 'porque', 'que', 'el', 'la', 'los', 'las', 'del', 'un', 'una', 'de'],
  it: ['e', 'o', 'ma', 'perché', 'che', 'il', 'lo', 'gli', 'di', 'del', 'un', 'una'],
  pt: ['e', 'ou', 'mas', 'porque', 'que', 'os', 'do', 'da', 'um', 'uma', 'de'],
  nl: ['en', 'of', 'maar', 'omdat', 'dat', 'de', 'het', 'een', 'van'],
};

const FENCE = /^\s*(```|~~~)/gm;
const CODE_BLOCK = /^\s*(```|~~~)[^\n]*\n[\s\S]*?^\s*\1[^\n]*$/gm;
const INLINE_CODE = /`[^`\n]*`/g;
const EMOTICON = /[:;=]-?[()[\]{}]/g;
const BRACKETS: [string, string][] = [
  ['(', ')'],
  ['[', ']'],
  ['{', '}'],
  ['（', '）'],
  ['【', '】'],
  ['「', '」'],
  ['『', '』'],
  ['《', '》'],
];
const ENDS_ANYWAY = [
  /^\s*([-*+•]|\d+[.)])\s+\S/u, // a list item
  /^\s*\|.*\|\s*$/u, // a table row
  /\p{Extended_Pictographic}\s*$/u, // an emoji
  /(^|\s)[:;=]-?[()DPp]$/u, // an emoticon
  /https?:\/\/\S+$/u, // a URL
  /^\s*(```|~~~)\s*$/u, // the end of a code block
];

function count(text: string, ch: string): number {
  return text.split(ch).length - 1;
}

/** Why a final assistant turn looks cut off, or undefined if it looks finished. */
export function truncationReason(content: string, language?: string): string | undefined {
  const text = content.trimEnd();
  if (text === '') return undefined;
  const fences = text.match(FENCE)?.length ?? 0;
  if (fences % 2 === 1) return 'an unclosed code fence';
  const prose = text.replace(CODE_BLOCK, ' ').replace(INLINE_CODE, ' ').replace(EMOTICON, ' ');
  for (const [open, close] of BRACKETS) {
    if (count(prose, open) > count(prose, close)) return `an unclosed '${open}'`;
  }
  if (count(prose, '"') % 2 === 1) return "an unclosed '\"'";
  // German „…“ closes with the English opener, so English “ opens only what „ did not.
  const low = count(prose, '„');
  if (low > count(prose, '“')) return "an unclosed '„'";
  if (count(prose, '“') - low > count(prose, '”')) return "an unclosed '“'";
  if (count(prose, '«') > count(prose, '»')) return "an unclosed '«'";
  const last = text.slice(text.lastIndexOf('\n') + 1);
  const bare = last.replace(/[*_~`]+$/u, '').trimEnd();
  const tail = bare.at(-1) ?? '';
  if (/[,，、;；:：]/u.test(tail)) return `ends with '${tail}'`;
  const lastWord = bare.match(/[\p{L}\p{M}]+$/u)?.[0];
  const dangling = DANGLING[primaryLanguage(language) ?? 'en'] ?? DANGLING.en!;
  if (lastWord && dangling.includes(lastWord)) return `ends with '${lastWord}'`;
  if (ENDS_ANYWAY.some((r) => r.test(last))) return undefined;
  if (endsWithTerminalPunctuation(bare) || /…$/u.test(bare)) return undefined;
  if (endsWithSignOff(text)) return undefined;
  return 'no sentence-final punctuation';
}

/** 1–3 words, each capitalised or in a script without case (佐藤, नेहा, سارة): a name or a company. */
const NAME_LINE =
  /^(?:[\p{Lu}\p{Lo}][\p{L}\p{M}.'’-]*)(?:[ \u00a0](?:[\p{Lu}\p{Lo}][\p{L}\p{M}.'’-]*)){0,2}$/u;

/**
 * An email-style ending: a signature under a finished text ("…arrives.\n\nBest regards,\nSam",
 * "…Grüßen\nJonas Keller", "…。\n佐藤"). The last line must look like a name, and either the line above
 * it ends a sentence or a clause (a closing "Best regards,"), or it sits in a short block after a blank
 * line that follows a finished sentence. A cut-off sentence ("…and then\nthe") meets neither.
 */
function endsWithSignOff(text: string): boolean {
  const lines = text.split('\n').map((l) => l.trim());
  const last = lines.at(-1) ?? '';
  if (last.length > 40 || !NAME_LINE.test(last)) return false;
  const above = lines.slice(0, -1).filter((l) => l !== '');
  const previous = above.at(-1) ?? '';
  if (endsWithTerminalPunctuation(previous) || /[,，、،]$/u.test(previous)) return true;
  const blank = lines.lastIndexOf('');
  if (blank < 0 || lines.length - 1 - blank > 2) return false;
  const before =
    lines
      .slice(0, blank)
      .filter((l) => l !== '')
      .at(-1) ?? '';
  return endsWithTerminalPunctuation(before);
}

/** Content compared for identity: NFC, lower case, whitespace collapsed. */
function comparable(content: string): string {
  return content.normalize('NFC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

export function chatChecks(
  messages: readonly ChatMessage[],
  options: ChatCheckOptions = {},
): ChatCheckResult {
  const maxTurnChars = options.maxTurnChars === undefined ? 32_000 : options.maxTurnChars;
  const issues: ChatIssue[] = [];
  const add = (kind: ChatIssueKind, turns: number[], message: string) =>
    issues.push({ kind, turns, message });
  const norm = messages.map((m) => comparable(m.content));

  let seenNonSystem = false;
  let firstNonSystem = true;
  let lastNonTool: ChatMessage['role'] | undefined;
  const userTurns = new Map<string, number>();
  let lastAssistant = -1;
  messages.forEach((m, i) => {
    const prev = messages[i - 1];
    const empty = m.content.trim() === '';
    if (empty) add('empty_turn', [i], `turn ${i} (${m.role}) is empty`);
    if (maxTurnChars !== null) {
      const chars = codePoints(m.content);
      if (chars > maxTurnChars)
        add('overlong_turn', [i], `turn ${i} has ${chars} characters (> ${maxTurnChars})`);
    }
    if (m.role === 'system') {
      if (seenNonSystem)
        add('system_not_first', [i], `system turn ${i} comes after the conversation started`);
    } else {
      seenNonSystem = true;
      if (firstNonSystem && m.role === 'assistant') {
        add('assistant_first', [i], `the conversation opens with the assistant (turn ${i})`);
      }
      firstNonSystem = false;
    }
    if (prev && prev.role === m.role && (m.role === 'user' || m.role === 'assistant')) {
      add('consecutive_same_role', [i - 1, i], `turns ${i - 1} and ${i} are both ${m.role} turns`);
    }
    if (m.role === 'tool' && lastNonTool !== 'assistant') {
      add('tool_without_call', [i], `tool turn ${i} does not follow an assistant turn`);
    }
    let echoed = false;
    if (m.role === 'assistant' && !empty) {
      const u = userTurns.get(norm[i]!);
      if (u !== undefined) {
        add('assistant_repeats_user', [u, i], `assistant turn ${i} repeats user turn ${u}`);
        echoed = u === i - 1;
      }
    }
    if (prev && !empty && !echoed && norm[i] === norm[i - 1]) {
      add('duplicate_consecutive_turn', [i - 1, i], `turn ${i} repeats turn ${i - 1}`);
    }
    if (m.role === 'user' && !empty && !userTurns.has(norm[i]!)) userTurns.set(norm[i]!, i);
    if (m.role === 'assistant') lastAssistant = i;
    if (m.role !== 'tool') lastNonTool = m.role;
  });

  if (lastAssistant === -1) add('no_assistant_turn', [], 'the conversation has no assistant turn');
  const last = messages.length - 1;
  if (last >= 0 && messages[last]!.role === 'user' && lastAssistant !== -1) {
    add('last_turn_not_assistant', [last], `the conversation ends on user turn ${last}`);
  }
  if (lastAssistant !== -1) {
    const reason = truncationReason(messages[lastAssistant]!.content, options.language);
    if (reason)
      add('truncated_ending', [lastAssistant], `assistant turn ${lastAssistant} looks cut off: ${reason}`);
  }
  issues.sort((a, b) => (a.turns[0] ?? Number.MAX_SAFE_INTEGER) - (b.turns[0] ?? Number.MAX_SAFE_INTEGER));
  return { passed: issues.length === 0, issues };
}
