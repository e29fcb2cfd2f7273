import { describe, expect, it } from 'vitest';
import { excerpt, formatDuration } from '../../web/src/logic/format.js';
import {
  emptyFilters,
  parseMeta,
  recordsQuery,
  viewFromSearch,
  viewSearch,
} from '../../web/src/logic/recordsQuery.js';
import { datasetPath, matchRoute, safeNext } from '../../web/src/logic/routes.js';
import { safeHref } from '../../web/src/logic/safeUrl.js';
import { selectRows, toggleAll } from '../../web/src/logic/selection.js';
import { diffChatTurns, wordDiff } from '../../web/src/logic/textDiff.js';

describe('safeHref', () => {
  it('keeps http, https and mailto links', () => {
    expect(safeHref('https://example.com/a?b=1')).toBe('https://example.com/a?b=1');
    expect(safeHref(' http://example.com ')).toBe('http://example.com/');
    expect(safeHref('mailto:someone@example.com')).toBe('mailto:someone@example.com');
  });
  it('drops script, data and relative links, however disguised', () => {
    for (const bad of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'java\tscript:alert(1)',
      '\u0001javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox',
      '/relative/path',
      '//evil.example/x',
      '',
      undefined,
    ])
      expect(safeHref(bad)).toBeUndefined();
  });
});

describe('formats', () => {
  it('formats durations like "42 s"', () => {
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(4_240)).toBe('4.2 s');
    expect(formatDuration(185_000)).toBe('3 min 5 s');
    expect(formatDuration(3_720_000)).toBe('1 h 2 min');
    expect(formatDuration(null)).toBe('—');
  });
  it('cuts excerpts without splitting a surrogate pair', () => {
    expect(excerpt('a  b\n\nc')).toBe('a b c');
    expect(excerpt('x'.repeat(130))).toBe(`${'x'.repeat(120)}…`);
    const s = `${'x'.repeat(119)}😀tail`;
    expect(excerpt(s, 120)).toBe(`${'x'.repeat(119)}…`);
  });
});

describe('routes', () => {
  it('matches the app’s paths and decodes dataset names', () => {
    expect(matchRoute('/')).toEqual({ page: 'datasets' });
    expect(matchRoute('/login')).toEqual({ page: 'login' });
    expect(matchRoute('/datasets/support%20chats/annotate')).toEqual({
      page: 'annotate',
      dataset: 'support chats',
    });
    expect(matchRoute('/datasets/x/review/')).toEqual({ page: 'review', dataset: 'x' });
    expect(matchRoute('/datasets/x/delete')).toEqual({ page: 'not-found' });
    expect(matchRoute('/datasets/%E0%A4%A/records')).toEqual({ page: 'not-found' });
    expect(datasetPath('a/b', 'progress')).toBe('/datasets/a%2Fb/progress');
    expect(matchRoute(datasetPath('a/b', 'progress'))).toEqual({ page: 'progress', dataset: 'a/b' });
  });
  it('only returns to local paths after login', () => {
    expect(safeNext('/datasets/x/annotate')).toBe('/datasets/x/annotate');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext('//evil.example')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
    expect(safeNext('/login?next=/')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });
});

describe('records query', () => {
  it('encodes every filter the API takes', () => {
    const q = recordsQuery(
      {
        statuses: ['checked', 'flagged'],
        q: ' refund ',
        meta: 'language=es, intent = refund_request',
        failingCheck: 'pii',
        language: 'ar',
      },
      120,
      50,
    );
    const p = new URLSearchParams(q);
    expect(p.get('status')).toBe('checked,flagged');
    expect(p.get('q')).toBe('refund');
    expect(p.get('meta.language')).toBe('es');
    expect(p.get('meta.intent')).toBe('refund_request');
    expect(p.get('language')).toBe('ar');
    expect(p.get('check')).toBe('pii');
    expect(p.get('checkPassed')).toBe('false');
    expect(p.get('after')).toBe('120');
    expect(p.get('limit')).toBe('50');
  });
  it('asks for page N by number, never with a cursor', () => {
    expect(recordsQuery(emptyFilters, null, 50, 7)).toBe('page=7&limit=50');
    expect(recordsQuery(emptyFilters, null, 50, 1)).toBe('limit=50');
    expect(recordsQuery(emptyFilters, 30, 50, 7)).toBe('after=30&limit=50');
  });
  it('puts the view in the URL and reads it back, ignoring what it does not know', () => {
    const filters = {
      statuses: ['flagged' as const, 'accepted' as const],
      q: 'refund & more',
      meta: 'topic=billing, turns=2',
      failingCheck: 'pii',
      language: 'es',
    };
    const search = viewSearch(filters, 4, new URLSearchParams('open=12&page=9&q=old'));
    expect(search).toBe(
      'status=flagged%2Caccepted&q=refund+%26+more&language=es&meta=topic%3Dbilling%2C+turns%3D2&check=pii&page=4&open=12',
    );
    expect(viewFromSearch(new URLSearchParams(search))).toEqual({ filters, page: 4 });
    expect(viewSearch(emptyFilters, 1)).toBe('');
    expect(viewFromSearch(new URLSearchParams('status=flagged,bogus&page=-2'))).toEqual({
      filters: { ...emptyFilters, statuses: ['flagged'] },
      page: 1,
    });
  });
  it('sends only the limit with no filters', () => {
    expect(recordsQuery(emptyFilters, null)).toBe('limit=50');
    expect(parseMeta('novalue, =x, k=')).toEqual([['k', '']]);
  });
});

describe('row selection', () => {
  const ids = [10, 11, 12, 13, 14];
  it('toggles one row', () => {
    expect([...selectRows(ids, new Set(), 12, null, false)]).toEqual([12]);
    expect([...selectRows(ids, new Set([12]), 12, null, false)]).toEqual([]);
  });
  it('selects a Shift-click range from the last clicked row, either direction', () => {
    expect([...selectRows(ids, new Set([11]), 13, 11, true)].sort()).toEqual([11, 12, 13]);
    expect([...selectRows(ids, new Set([13]), 10, 13, true)].sort()).toEqual([10, 11, 12, 13]);
  });
  it('clears a range when the clicked row was selected', () => {
    expect([...selectRows(ids, new Set(ids), 12, 14, true)].sort()).toEqual([10, 11]);
  });
  it('toggles all rows of the page, keeping other pages’ selection', () => {
    expect([...toggleAll(ids, new Set([99]))].sort()).toEqual([10, 11, 12, 13, 14, 99]);
    expect([...toggleAll(ids, new Set([...ids, 99]))]).toEqual([99]);
  });
});

describe('diffs', () => {
  it('marks inserted and removed words', () => {
    const parts = wordDiff('the cat sat', 'the dog sat');
    expect(parts.filter((p) => p.kind === 'removed').map((p) => p.text)).toEqual(['cat']);
    expect(parts.filter((p) => p.kind === 'added').map((p) => p.text)).toEqual(['dog']);
    expect(
      parts
        .filter((p) => p.kind !== 'removed')
        .map((p) => p.text)
        .join(''),
    ).toBe('the dog sat');
    expect(wordDiff('same', 'same')).toEqual([{ kind: 'same', text: 'same' }]);
  });
  it('diffs a conversation turn by turn, only where changed', () => {
    const before = [
      { role: 'user' as const, content: 'Hola' },
      { role: 'assistant' as const, content: 'Su pedido llega mañana.' },
    ];
    const after = [before[0]!, { ...before[1]!, content: 'Su pedido llega el lunes.' }];
    const d = diffChatTurns(before, after);
    expect(d.map((t) => t.changed)).toEqual([false, true]);
    expect(d[0]!.parts).toEqual([]);
    expect(d[1]!.role).toBe('assistant');
    expect(d[1]!.parts.some((p) => p.kind === 'added' && p.text.includes('lunes'))).toBe(true);
    expect(d[1]!.parts.some((p) => p.kind === 'removed' && p.text.includes('mañana'))).toBe(true);
  });
});
