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
        if (p.kind === 'added')
          return (
            <ins key={p.key}>
              <span className="visually-hidden">[inserted: </span>
              {p.text}
              <span className="visually-hidden">]</span>
            </ins>
          );
        if (p.kind === 'removed')
          return (
            <del key={p.key}>
              <span className="visually-hidden">[deleted: </span>
              {p.text}
              <span className="visually-hidden">]</span>
            </del>
          );
        return <span key={p.key}>{p.text}</span>;
      })}
    </div>
  );
}
