import { isTandemError, TandemError } from '../../../../core/errors.js';
import type { DatasetSettings } from '../../../../core/settings.js';
import type { ExportRecord, FormatOptions, MappedRow, TrainingFormat } from '../export-record.js';
import {
  type ConversationReader,
  conversationReader,
  fail,
  readText,
  textFieldNamed,
  toSimple,
} from './chat-source.js';
import { applyCorrections, own } from './corrections.js';

type Fields = Record<string, unknown>;

function withSystem(row: Fields, system: unknown): Fields {
  return typeof system === 'string' && system.trim() !== '' ? { ...row, system } : row;
}

/** Alpaca-named text fields map one to one. */
function fromFields(settings: DatasetSettings): ((fields: Fields) => MappedRow) | undefined {
  const instruction = textFieldNamed(settings, ['instruction']);
  const output = textFieldNamed(settings, ['output']);
  if (!instruction || !output) return undefined;
  const input = textFieldNamed(settings, ['input']);
  const system = textFieldNamed(settings, ['system', 'system_prompt']);
  return (fields) => {
    const i = readText(fields, instruction.name);
    if (!i.ok) return i;
    const o = readText(fields, output.name);
    if (!o.ok) return o;
    const inp = input ? own(fields, input.name) : undefined;
    const row = { instruction: i.value, input: typeof inp === 'string' ? inp : '', output: o.value };
    return { ok: true, row: withSystem(row, system ? own(fields, system.name) : undefined) };
  };
}

/** A conversation fits alpaca only as system turns plus one user turn and the reply to it. */
function fromChat(read: ConversationReader): (fields: Fields) => MappedRow {
  return (fields) => {
    const conv = read(fields);
    if (!conv.ok) return conv;
    const simple = toSimple(conv.value);
    if (!simple.ok) return simple;
    const systems = simple.value.filter((m) => m.role === 'system');
    const rest = simple.value.filter((m) => m.role !== 'system');
    if (rest.filter((m) => m.role === 'user').length > 1)
      return fail('multi-turn conversation: use openai or trl-sft');
    const [user, reply] = rest;
    if (rest.length !== 2 || user?.role !== 'user' || reply?.role !== 'assistant')
      return fail(
        `alpaca holds one user turn and its assistant reply, not ${rest.map((m) => m.role).join(', ')}: use openai or trl-sft`,
      );
    if (user.content.trim() === '') return fail('the user turn is empty');
    const system = systems.length > 0 ? systems.map((m) => m.content).join('\n\n') : undefined;
    return {
      ok: true,
      row: withSystem({ instruction: user.content, input: '', output: reply.content }, system),
    };
  };
}

function prepare(settings: DatasetSettings, options: FormatOptions): (record: ExportRecord) => MappedRow {
  let map = options.field === undefined ? fromFields(settings) : undefined;
  if (!map) {
    try {
      map = fromChat(conversationReader(settings, options, 'alpaca'));
    } catch (e) {
      if (!isTandemError(e) || e.code !== 'unsupported') throw e;
      throw new TandemError(
        'unsupported',
        `${e.message} Alpaca also reads text fields named instruction, input and output.`,
      );
    }
  }
  const mapFields = map;
  return (record) => mapFields(applyCorrections(settings, record));
}

export const alpaca: TrainingFormat = { name: 'alpaca', prepare };
