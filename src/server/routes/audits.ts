import { z } from 'zod';
import { userActor } from '../../core/actor.js';
import { notFound } from '../../core/errors.js';
import { factualQueue, recordVerdict, refreshFactual, VERDICTS } from '../../stages/audit/index.js';
import type { StoredAudit } from '../../store/audits.js';
import type { Store } from '../../store/store.js';
import { datasetFor } from '../access.js';
import { datasetPath, defineRoute, idParam, REVIEWERS, type Route } from '../route.js';

/**
 * Audits in the app (docs/audits.md): reviewers, admins and owners read a dataset's audits and work
 * through a factual audit's queue, marking each sampled record correct, incorrect or unsure.
 */

const auditPath = z.strictObject({ name: datasetPath.shape.name, id: idParam });
const chartPath = z.strictObject({ name: datasetPath.shape.name, id: idParam, index: idParam });
const itemPath = z.strictObject({ name: datasetPath.shape.name, id: idParam, record: idParam });
const verdictBody = z.strictObject({
  verdict: z.enum(VERDICTS),
  note: z.string().max(4000).nullable().optional(),
  wrongClaims: z.array(z.string().max(1000)).max(50).optional(),
});

const summary = (a: StoredAudit) => ({
  id: a.id,
  kind: a.kind,
  status: a.status,
  release: a.releaseVersion,
  createdBy: a.createdBy,
  createdAt: a.createdAt,
});

export function auditRoutes(store: Store): Route[] {
  /** The audit, if it belongs to the dataset the caller may see; else 404 (no probing other datasets' ids). */
  async function auditOf(caller: Parameters<typeof datasetFor>[1], name: string, id: number) {
    const d = await datasetFor(store, caller, name);
    const a = await store.audits.get(id);
    if (a.datasetId !== d.id) throw notFound('audit', id);
    return a;
  }
  /** The audit, a factual one with estimates from every verdict so far. */
  async function freshAudit(caller: Parameters<typeof datasetFor>[1], name: string, id: number) {
    const a = await auditOf(caller, name, id);
    if (a.kind !== 'factual') return a;
    await refreshFactual(store, a.id);
    return store.audits.get(a.id);
  }
  return [
    defineRoute({
      method: 'GET',
      url: '/api/datasets/:name/audits',
      tag: 'audits',
      summary: "A dataset's audits, newest first",
      access: REVIEWERS,
      params: datasetPath,
      handler: async ({ caller, params }) => {
        const d = await datasetFor(store, caller, params.name);
        return { audits: (await store.audits.list({ datasetId: d.id })).map(summary) };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/datasets/:name/audits/:id',
      tag: 'audits',
      summary:
        'One audit: parameters, sample and results (a factual audit’s estimates from every verdict so far)',
      access: REVIEWERS,
      params: auditPath,
      handler: async ({ caller, params }) => {
        let a = await auditOf(caller, params.name, params.id);
        if (a.kind === 'factual') {
          await refreshFactual(store, a.id);
          a = await store.audits.get(a.id);
        }
        return { ...summary(a), params: a.params, sample: a.sample, results: a.results };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/datasets/:name/audits/:id/queue',
      tag: 'audits',
      summary: "A factual audit's sampled records in queue order, with their content and verdicts",
      access: REVIEWERS,
      params: auditPath,
      handler: async ({ caller, params }) => {
        await auditOf(caller, params.name, params.id);
        const q = await factualQueue(store, params.id);
        return { audit: summary(q.audit), entries: q.entries };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/datasets/:name/audits/:id/charts',
      tag: 'audits',
      summary: "The audit's charts (the report's views), each served as SVG at charts/:index",
      access: REVIEWERS,
      params: auditPath,
      handler: async ({ caller, params }) => {
        const a = await freshAudit(caller, params.name, params.id);
        const { auditCharts } = await import('../../stages/audit/report/audit-charts.js');
        return { charts: auditCharts(a).map((c, i) => ({ index: i + 1, title: c.title })) };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/datasets/:name/audits/:id/charts/:index',
      tag: 'audits',
      summary: 'One chart of the audit as an SVG image (no script; every text from records escaped)',
      access: REVIEWERS,
      params: chartPath,
      handler: async ({ caller, params, reply }) => {
        const a = await freshAudit(caller, params.name, params.id);
        const { auditChartSvg } = await import('../../stages/audit/report/audit-charts.js');
        const svg = await auditChartSvg(a, params.index);
        if (svg === null) throw notFound('chart', params.index);
        // Opened on its own, the image may do nothing but draw: no script, no request, no sniffing.
        return reply
          .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, no-cache')
          .type('image/svg+xml; charset=utf-8')
          .send(svg);
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/datasets/:name/audits/:id/items/:record',
      tag: 'audits',
      summary:
        'An auditor’s verdict on a sampled record: correct, incorrect (with the wrong claims) or unsure, with a note',
      access: REVIEWERS,
      params: itemPath,
      body: verdictBody,
      handler: async ({ caller, params, body }) => {
        await auditOf(caller, params.name, params.id);
        const r = await recordVerdict(
          store,
          params.id,
          params.record,
          {
            verdict: body.verdict,
            note: body.note ?? null,
            wrongClaims: body.wrongClaims ?? [],
          },
          userActor(caller),
        );
        return { item: r.item, results: r.results };
      },
    }),
  ];
}
