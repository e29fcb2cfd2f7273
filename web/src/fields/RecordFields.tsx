import type { ReactNode } from 'react';
import { own } from '../../../src/core/own.js';
import type { DatasetSettings, RecordView } from '../api/types';
import { FieldView } from './FieldView';

/**
 * A record's fields in settings order. The two fields a preference question compares are shown
 * side by side as A and B; `override` lets a page render a field itself (a span question tags it).
 */
export function RecordFields({
  settings,
  record,
  override,
}: {
  settings: DatasetSettings;
  record: RecordView;
  override?: (fieldName: string) => ReactNode | undefined;
}) {
  const lang = record.language ?? undefined;
  const pairs = settings.questions.flatMap((q) => (q.type === 'preference' ? [q.options] : []));
  const paired = new Set(pairs.flat());
  const byName = new Map(settings.fields.map((f) => [f.name, f]));
  const rendered = new Set<string>();
  const blocks: ReactNode[] = [];

  for (const field of settings.fields) {
    if (rendered.has(field.name)) continue;
    const pair = paired.has(field.name) ? pairs.find((p) => p.includes(field.name)) : undefined;
    if (pair) {
      const [a, b] = pair.map((n) => byName.get(n));
      if (a && b && !rendered.has(a.name) && !rendered.has(b.name)) {
        rendered.add(a.name);
        rendered.add(b.name);
        blocks.push(
          <div className="pair" key={`pair-${a.name}-${b.name}`}>
            <FieldView field={a} value={own(record.fields, a.name)} lang={lang} prefix="A" />
            <FieldView field={b} value={own(record.fields, b.name)} lang={lang} prefix="B" />
          </div>,
        );
        continue;
      }
    }
    rendered.add(field.name);
    blocks.push(
      <FieldView key={field.name} field={field} value={own(record.fields, field.name)} lang={lang}>
        {override?.(field.name)}
      </FieldView>,
    );
  }
  return <div className="fields">{blocks}</div>;
}
