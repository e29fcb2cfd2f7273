/** Small display formats shared by the pages. */

/** "42 s", "3 min 5 s", "1 h 2 min"; "—" when unknown. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 10_000) {
    const s = Math.round(ms / 100) / 10;
    return `${s} s`;
  }
  const totalS = Math.round(ms / 1000);
  if (totalS < 60) return `${totalS} s`;
  const totalMin = Math.floor(totalS / 60);
  if (totalMin < 60) {
    const s = totalS % 60;
    return s ? `${totalMin} min ${s} s` : `${totalMin} min`;
  }
  const h = Math.floor(totalMin / 60);
  const min = totalMin % 60;
  return min ? `${h} h ${min} min` : `${h} h`;
}

/** A plain-text excerpt: white space collapsed, cut at `max` characters (not inside a surrogate pair). */
export function excerpt(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  let cut = max;
  const c = flat.charCodeAt(cut - 1);
  if (c >= 0xd800 && c <= 0xdbff) cut--;
  return `${flat.slice(0, cut)}…`;
}

export function formatCount(n: number | undefined): string {
  return (n ?? 0).toLocaleString('en-US');
}
