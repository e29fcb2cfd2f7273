import { readFileSync } from 'node:fs';
import { badInput } from '../../core/errors.js';
import type { EvalItem } from '../../text/decontaminate.js';

/** Evaluation items, one JSON object a line: `id` (else the line number) and `text` (or question/prompt). */
export function readEvalFile(file: string): EvalItem[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw badInput(`cannot read evaluation set '${file}'`, { file });
  }
  const items: EvalItem[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let v: Record<string, unknown>;
    try {
      v = JSON.parse(line);
    } catch (e) {
      throw badInput(`not valid JSON: ${(e as Error).message}`, { file, line: i + 1 });
    }
    const body = [v.text, v.question, v.prompt, v.answer].filter((x) => typeof x === 'string').join('\n');
    if (!body)
      throw badInput("an evaluation item needs a 'text' (or 'question'/'prompt') string", {
        file,
        line: i + 1,
      });
    items.push({
      id: typeof v.id === 'string' || typeof v.id === 'number' ? String(v.id) : `${file}:${i + 1}`,
      text: body,
    });
  });
  return items;
}
