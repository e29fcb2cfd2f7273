import type { DiffPart } from '../logic/textDiff';

/** A word diff: insertions in <ins>, deletions in <del>, each with a text label for screen readers. */
export function DiffView({
  parts,
  lang,
  label,
}: {
  parts: DiffPart[];
  lang?: string | undefined;
  label: string;
}) {
  if (!parts.some((p) => p.kind !== 'same')) return <p className="muted">No changes.</p>;
  let offset = 0;
  const keyed = parts.map((p) => {
    const key = `${offset}-${p.kind}`;
    offset += p.text.length;
    return { ...p, key };
  });
  return (
    <div className="diff text-block" dir="auto" lang={lang}>
      <span className="visually-hidden">{label}: </span>
      {keyed.map((p) => {
        if (p.kind === 'same') return <span key={p.key}>{p.text}</span>;
        const [Mark, said] =
          p.kind === 'added' ? (['ins', 'inserted'] as const) : (['del', 'deleted'] as const);
        return (
          <Mark key={p.key}>
            <span className="visually-hidden">[{said}: </span>
            {p.text}
            <span className="visually-hidden">]</span>
          </Mark>
        );
      })}
    </div>
  );
}
