/** `s` as a regex source that matches it literally. Only syntax characters and '/' are escaped: the `u` flag rejects any other escape. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
