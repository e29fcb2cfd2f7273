import { TandemError } from '../../../../core/errors.js';
import type { FieldSettings } from '../../../../core/fields.js';
import { type DatasetSettings, findField } from '../../../../core/settings.js';
import { preferenceValue } from '../../../../core/values.js';
import type { ExportRecord, FormatOptions, MappedRow, TrainingFormat } from '../export-record.js';
import {
  fail,
  isTextLike,
  type Read,
  readChat,
  readText,
  type SimpleMessage,
  textFieldNamed,
  toSimple,
} from './chat-source.js';
import { applyCorrections, finalValueOf, own } from './corrections.js';

type Fields = Record<string, unknown>;
type Choice = { chosen: FieldSettings; rejected: FieldSettings };
const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const unsupported = (m: string) => new TandemError('unsupported', `trl-preference: ${m}`);

/** A chat cut to its prompt: everything up to and including the last user turn. */
function promptOf(fields: Fields, name: string, dropLastReply: boolean): Read<SimpleMessage[]> {
  const chat = readChat(fields, name);
  if (!chat.ok) return chat;
  const simple = toSimple(chat.value);
  if (!simple.ok) return simple;
  let msgs = simple.value;
  if (dropLastReply) msgs = msgs.slice(0, msgs.map((m) => m.role).lastIndexOf('assistant'));
  const lastUser = msgs.map((m) => m.role).lastIndexOf('user');
  return lastUser < 0
    ? fail(`field '${name}' has no user turn to use as the prompt`)
    : ok(msgs.slice(0, lastUser + 1));
}

/** The reply an option field holds: its text, or a chat's last assistant message. */
function replyOf(fields: Fields, f: FieldSettings): Read<string> {
  if (isTextLike(f)) return readText(fields, f.name);
  const chat = readChat(fields, f.name);
  if (!chat.ok) return chat;
  const last = chat.value.filter((m) => m.role === 'assistant').at(-1);
  return last ? ok(last.content) : fail(`field '${f.name}' has no assistant message`);
}

type PromptReader = (fields: Fields, pick: Choice) => Read<SimpleMessage[]>;

function textPrompt(settings: DatasetSettings, f: FieldSettings): PromptReader {
  const system = textFieldNamed(settings, ['system', 'system_prompt']);
  return (fields) => {
    const user = readText(fields, f.name);
    if (!user.ok) return user;
    const s = system ? own(fields, system.name) : undefined;
    const head: SimpleMessage[] =
      typeof s === 'string' && s.trim() !== '' ? [{ role: 'system', content: s }] : [];
    return ok([...head, { role: 'user', content: user.value }]);
  };
}

function promptReader(
  settings: DatasetSettings,
  options: FormatOptions,
  optionFields: FieldSettings[],
): PromptReader {
  if (options.field !== undefined) {
    const f = findField(settings, options.field);
    if (!f || f.type === 'json')
      throw new TandemError(
        'usage',
        `--field '${options.field}' must name a chat or text field holding the prompt`,
      );
    return f.type === 'chat' ? (fields) => promptOf(fields, f.name, false) : textPrompt(settings, f);
  }
  const chats = settings.fields.filter((f) => f.type === 'chat' && !optionFields.includes(f));
  if (chats.length > 1)
    throw new TandemError(
      'usage',
      `several chat fields could hold the prompt (${chats.map((f) => f.name).join(', ')}); choose one with --field`,
    );
  if (chats[0]) {
    const name = chats[0].name;
    return (fields) => promptOf(fields, name, false);
  }
  const text = textFieldNamed(settings, ['prompt', 'instruction', 'question']);
  if (text) return textPrompt(settings, text);
  // Chat options that each hold the whole conversation share their prompt.
  if (optionFields.every((f) => f.type === 'chat'))
    return (fields, pick) => {
      const chosen = promptOf(fields, pick.chosen.name, true);
      const rejected = promptOf(fields, pick.rejected.name, true);
      if (!chosen.ok || !rejected.ok) return chosen.ok ? rejected : chosen;
      const same = JSON.stringify(chosen.value) === JSON.stringify(rejected.value);
      return same ? chosen : fail('the chosen and rejected conversations differ before their last reply');
    };
  throw unsupported(
    'no prompt: looked for a chat field, or a text field named prompt, instruction or question; name one with --field',
  );
}

function prepare(settings: DatasetSettings, options: FormatOptions): (record: ExportRecord) => MappedRow {
  // The first preference question decides; a dataset with several compares different things.
  const q = settings.questions.find((x) => x.type === 'preference');
  let pick: (record: ExportRecord) => Read<Choice>;
  let optionFields: FieldSettings[];
  if (q) {
    const [a, b] = q.options.map((n) => findField(settings, n)!) as [FieldSettings, FieldSettings];
    optionFields = [a, b];
    pick = (record) => {
      const final = finalValueOf(record, q.name);
      if (!final) return fail(`no final value for preference question '${q.name}'`);
      const p = preferenceValue.safeParse(final.value);
      if (!p.success) return fail(`final value of '${q.name}' is not a preference`);
      if (p.data.choice === 'tie') return fail(`'${q.name}' was decided a tie: no chosen and rejected reply`);
      return ok(p.data.choice === 'A' ? { chosen: a, rejected: b } : { chosen: b, rejected: a });
    };
  } else {
    const chosen = findField(settings, 'chosen');
    const rejected = findField(settings, 'rejected');
    if (!chosen || !rejected)
      throw unsupported("needs a preference question, or fields named 'chosen' and 'rejected'");
    optionFields = [chosen, rejected];
    pick = () => ok({ chosen, rejected });
  }
  const json = optionFields.find((f) => f.type === 'json');
  if (json) throw unsupported(`field '${json.name}' is json; a reply must be a text, markdown or chat field`);
  const readPrompt = promptReader(settings, options, optionFields);
  return (record) => {
    const p = pick(record);
    if (!p.ok) return p;
    const fields = applyCorrections(settings, record);
    const prompt = readPrompt(fields, p.value);
    if (!prompt.ok) return prompt;
    const chosen = replyOf(fields, p.value.chosen);
    if (!chosen.ok) return chosen;
    const rejected = replyOf(fields, p.value.rejected);
    if (!rejected.ok) return rejected;
    const reply = (content: string) => [{ role: 'assistant', content }];
    return {
      ok: true,
      row: { prompt: prompt.value, chosen: reply(chosen.value), rejected: reply(rejected.value) },
    };
  };
}

export const trlPreference: TrainingFormat = { name: 'trl-preference', prepare };
