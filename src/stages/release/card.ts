import { stringify } from 'yaml';
import type { ChangeSummary } from './changelog.js';
import type { ExportFormat } from './export/export-dataset.js';
import type { AgreementRow, ReleaseManifest } from './manifest.js';

/**
 * The dataset card: `README.md` with the Hugging Face Hub's YAML metadata (its keys and allowed
 * values, so the Hub and `datasets.load_dataset` read the splits from `configs`) and the body
 * sections of the Hub's template filled from what Tandem knows. Made only from the frozen
 * manifest and the export's own files, so it is the same every time a release is exported.
 */

export interface CardInput {
  format: ExportFormat;
  files: { split: string; path: string; records: number; bytes: number }[];
  license?: string | undefined;
  changes: ChangeSummary | null;
}

/** The Hub's `size_categories` bucket for a record count. */
export function sizeCategory(n: number): string {
  const buckets: [number, string][] = [
    [1e3, 'n<1K'],
    [1e4, '1K<n<10K'],
    [1e5, '10K<n<100K'],
    [1e6, '100K<n<1M'],
    [1e7, '1M<n<10M'],
    [1e8, '10M<n<100M'],
    [1e9, '100M<n<1B'],
  ];
  for (const [limit, name] of buckets) if (n < limit) return name;
  return 'n>1T';
}

function taskCategories(m: ReleaseManifest, format: ExportFormat): string[] {
  const out = new Set<string>();
  const chat = m.settings.fields.some((f) => f.type === 'chat');
  if (chat || ['openai', 'sharegpt', 'alpaca', 'trl-sft'].includes(format)) out.add('text-generation');
  if (format === 'trl-preference') out.add('text-generation');
  if (m.settings.questions.some((q) => q.type === 'label' || q.type === 'multi_label'))
    out.add('text-classification');
  if (m.settings.questions.some((q) => q.type === 'span')) out.add('token-classification');
  if (out.size === 0) out.add('text-generation');
  return [...out].sort();
}

function creators(m: ReleaseManifest) {
  const o = m.origins;
  const language = [
    ...(o.synthetic ? ['machine-generated'] : []),
    ...(o.imported ? ['found'] : []),
    ...(o.human ? ['expert-generated'] : []),
  ];
  const annotations =
    m.annotation.responses > 0
      ? ['expert-generated']
      : o.synthetic
        ? ['machine-generated']
        : ['no-annotation'];
  return { language, annotations };
}

/** Hugging Face feature types of a row, from the mapper's first row in each split's shape. */
function featuresOf(m: ReleaseManifest, format: ExportFormat): unknown[] {
  const str = (name: string) => ({ name, dtype: 'string' });
  const messages = (name: string, role: string, content: string) => ({
    name,
    list: [str(content), str(role)].sort((a, b) => (a.name < b.name ? -1 : 1)),
  });
  switch (format) {
    case 'openai':
    case 'trl-sft':
      return [messages('messages', 'role', 'content')];
    case 'sharegpt':
      return [messages('conversations', 'from', 'value')];
    case 'alpaca':
      return ['instruction', 'input', 'output', 'system'].map(str);
    case 'trl-preference':
      return [];
    case 'parquet':
      return [
        { name: 'id', dtype: 'int64' },
        str('external_id'),
        str('status'),
        str('language'),
        ...m.settings.fields.map((f) => str(f.name)),
        str('metadata'),
        str('final_values'),
        str('provenance'),
        str('content_hash'),
      ];
    default:
      return [
        { name: 'id', dtype: 'int64' },
        str('external_id'),
        str('status'),
        str('language'),
        str('content_hash'),
      ];
  }
}

const fixed = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : String(x));

/** The annotation process's agreement table: one row per question, over the released records. */
function agreementLines(rows: AgreementRow[] | undefined, lines: string[]): void {
  if (!rows?.length) return;
  lines.push(
    '',
    "Agreement between annotators on the released records, per question: Krippendorff's alpha at the question's level of measurement, with a 95% bootstrap interval over records (1 is perfect agreement, 0 what chance gives).",
    '',
    '| question | level | alpha | 95% interval | records with 2+ answers | annotators |',
    '| --- | --- | --- | --- | --- | --- |',
  );
  for (const r of rows) {
    const figure =
      'note' in r
        ? `— | — | — (${r.note.replace(/\|/g, '/')})`
        : `${r.level} | ${fixed(r.alpha)} | ${r.interval ? `${fixed(r.interval[0])} to ${fixed(r.interval[1])}` : '—'}`;
    lines.push(`| ${r.question} | ${figure} | ${r.items} | ${r.annotators} |`);
  }
}

const pct = (x: number, total: number) => (total ? `${((100 * x) / total).toFixed(1)}%` : '0%');

export function datasetCard(m: ReleaseManifest, c: CardInput): string {
  const languages = Object.keys(m.languages).filter((l) => /^[a-z]{2,3}(-[A-Za-z0-9]+)?$/.test(l));
  const { language, annotations } = creators(m);
  const total = c.files.reduce((a, f) => a + f.bytes, 0);
  const meta: Record<string, unknown> = {
    pretty_name: m.dataset,
    ...(languages.length ? { language: languages } : {}),
    license: c.license ?? 'unknown',
    multilinguality: languages.length > 1 ? 'multilingual' : 'monolingual',
    size_categories: [sizeCategory(m.records)],
    task_categories: taskCategories(m, c.format),
    annotations_creators: annotations,
    language_creators: language,
    source_datasets: ['original'],
    tags: ['tandem', ...(m.origins.synthetic ? ['synthetic'] : [])],
    configs: [
      {
        config_name: 'default',
        data_files: c.files.map((f) => ({ split: f.split, path: f.path })),
      },
    ],
    dataset_info: {
      features: featuresOf(m, c.format),
      splits: c.files.map((f) => ({ name: f.split, num_bytes: f.bytes, num_examples: f.records })),
      download_size: total,
      dataset_size: total,
    },
  };
  const lines: string[] = [`---\n${stringify(meta, { lineWidth: 0 })}---`, ''];
  const h = (t: string) => lines.push('', t, '');
  lines.push(`# Dataset card for ${m.dataset} ${m.version}`);
  h('## Dataset summary');
  lines.push(
    `Release ${m.version} of the Tandem dataset \`${m.dataset}\`: ${m.records} records in ${c.files.length} split(s), exported as \`${c.format}\`.`,
    `Made by ${m.createdBy} on ${m.createdAt}${m.base ? `, cut from ${m.base}` : ''}. Release hash (SHA-256 over its records' hashes): \`${m.releaseHash}\`.`,
  );
  if (m.notes) lines.push('', m.notes);
  h('## Dataset structure');
  lines.push('| split | records | share | file |', '| --- | --- | --- | --- |');
  for (const f of c.files)
    lines.push(`| ${f.split} | ${f.records} | ${pct(f.records, m.records)} | \`${f.path}\` |`);
  lines.push(
    '',
    `Records that are near-duplicates of each other (the dedup checks' clusters) or share a parent record form ${m.leakage.groups} groups; a group never straddles splits, and a record keeps the split an earlier release gave it. Near-duplicate pairs across splits: **${m.leakage.crossSplitPairs}**.`,
  );
  if (m.stratifyBy.length)
    lines.push('', `Proportions are kept per ${m.stratifyBy.join(' × ')} (${m.strata.length} strata).`);
  const contaminated = Object.entries(m.leakage.contaminated);
  if (contaminated.length)
    lines.push(
      '',
      `Records that overlap an evaluation set (decontamination check): ${contaminated.map(([s, n]) => `${s} ${n}`).join(', ')}.`,
    );
  if (m.decontamination) {
    const d = m.decontamination;
    const where = Object.entries(d.bySplit).map(([k, v]) => `${k} ${v}`);
    lines.push(
      '',
      `Decontamination against ${d.files.map((f) => `\`${f.path}\` (${f.items} items, sha256 ${f.sha256.slice(0, 12)})`).join(', ')}: ${d.found} record(s) share a ${d.n}-word n-gram with an evaluation item${
        d.excluded
          ? '; they were left out of this release.'
          : where.length
            ? `; they are in it: ${where.join(', ')}.`
            : '.'
      }`,
    );
  }
  h('## Dataset creation');
  lines.push('### Curation rationale', '');
  if (m.recipes.length)
    for (const r of m.recipes)
      lines.push(`- recipe \`${r.recipe}\`${r.recipeHash ? ` (${r.recipeHash})` : ''}: ${r.records} records`);
  else lines.push('No records were generated from recipes.');
  lines.push('', '### Source data', '');
  for (const [origin, n] of Object.entries(m.origins))
    lines.push(`- ${origin}: ${n} records (${pct(n, m.records)})`);
  if (m.models.length)
    lines.push('', `Models: ${m.models.map((x) => `${x.provider}/${x.model} (${x.records})`).join(', ')}.`);
  if (m.mix) {
    lines.push(
      '',
      `Mixing target synthetic ${m.mix.target.synthetic} / human ${m.mix.target.human}${m.mix.by ? `, met within each ${m.mix.by.join(' × ')}` : ''}; real shares synthetic ${pct(m.mix.kept.synthetic ?? 0, m.records)}, human ${pct(m.mix.kept.human ?? 0, m.records)}; ${m.mix.dropped} records dropped to meet it.`,
    );
    if (m.mix.strata?.length) {
      lines.push(
        '',
        `| ${m.mix.by!.join(' × ')} | synthetic | human | dropped |`,
        '| --- | --- | --- | --- |',
      );
      for (const st of m.mix.strata) {
        const kept = st.kept.synthetic + st.kept.human;
        lines.push(
          `| ${st.stratum.replaceAll('|', '\\|').replaceAll('\n', ' ')} | ${st.kept.synthetic} (${pct(st.kept.synthetic, kept)}) | ${st.kept.human} (${pct(st.kept.human, kept)}) | ${st.dropped} |`,
        );
      }
    }
  }
  lines.push('', '### Annotations', '', '#### Annotation process', '');
  lines.push(
    `${m.annotation.annotators} annotator(s) gave ${m.annotation.responses} responses. Final values decided by: ${
      Object.entries(m.annotation.decidedBy)
        .map(([k, v]) => `${k} (${v})`)
        .join(', ') || 'none'
    }.`,
  );
  agreementLines(m.annotation.agreement, lines);
  if (m.checks.length) {
    lines.push('', '| check | records | failed |', '| --- | --- | --- |');
    for (const ch of m.checks) lines.push(`| ${ch.check} | ${ch.records} | ${ch.failed} |`);
  }
  h('## Personal and sensitive information');
  lines.push(
    `The release was gated on PII: stored PII check results and a scan of every serialized row. Findings: ${m.pii.findings}; waived: ${m.pii.waivers.length}.`,
  );
  for (const w of m.pii.waivers) lines.push(`- \`${w.finding}\` waived: ${w.reason}`);
  h('## Bias, risks and limitations');
  lines.push(
    `Languages: ${
      Object.entries(m.languages)
        .map(([l, n]) => `${l} ${pct(n, m.records)}`)
        .join(', ') || 'unknown'
    }. ${m.audits?.length ? 'Audits this release required:' : 'No audit results are attached to this release.'}`,
  );
  for (const a of m.audits ?? []) lines.push(`- ${a.summary} (${new Date(a.at).toISOString()})`);
  h('## Changelog');
  if (!c.changes) lines.push('First release.');
  else {
    const k = c.changes.counts;
    lines.push(
      `Since ${c.changes.base}: ${k.added} added, ${k.removed} removed, ${k.modified} modified, ${k.relabelled} relabelled, ${k.splitChanged} moved between splits, ${k.unchanged} unchanged.`,
    );
    for (const r of c.changes.reasons)
      lines.push(`- ${r.externalId} (${r.change}), ${r.by}: ${r.text.replace(/\s+/g, ' ')}`);
  }
  return `${lines.join('\n')}\n`;
}
