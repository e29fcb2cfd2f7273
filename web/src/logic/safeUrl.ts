/** Links from untrusted text: only http, https and mailto survive; anything else is dropped. */
const ALLOWED = new Set(['http:', 'https:', 'mailto:']);

export function safeHref(raw: string | null | undefined): string | undefined {
  if (typeof raw !== 'string' || !raw.trim()) return undefined;
  let url: URL;
  try {
    // The URL parser drops tabs, new lines and edge control characters the way browsers do, so
    // "java\tscript:" is judged as the javascript: it would become. Relative links do not parse.
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  return ALLOWED.has(url.protocol) ? url.href : undefined;
}
