/**
 * One entry point over the metrics: pick a metric and level, get the value, the counts behind it and
 * a confidence interval (a seeded percentile bootstrap over items; Wilson's interval for percent
 * agreement between two annotators, where agreement on an item is a plain yes/no).
 */

import { usage } from '../../core/errors.js';
import { type BootstrapOptions, bootstrapInterval, DEFAULT_LEVEL, wilsonInterval } from '../intervals.js';
import { type CohenResult, prepareCohen } from './cohen.js';
import { LEVELS, type Level, type ReliabilityData } from './data.js';
import { type FleissResult, prepareFleiss } from './fleiss.js';
import { type AlphaResult, prepareAlpha } from './krippendorff.js';
import { type PercentResult, preparePercent } from './percent.js';
import type { Resampling } from './profiles.js';

export const METRICS = ['krippendorff', 'fleiss', 'cohen', 'percent'] as const;
export type Metric = (typeof METRICS)[number];

export const METRIC_NAMES: Record<Metric, string> = {
  krippendorff: "Krippendorff's alpha",
  fleiss: "Fleiss' kappa",
  cohen: "Cohen's kappa",
  percent: 'percent agreement',
};

/** The levels each metric is defined for. */
export const METRIC_LEVELS: Record<Metric, readonly Level[]> = {
  krippendorff: LEVELS,
  fleiss: ['nominal'],
  cohen: ['nominal', 'ordinal', 'interval'],
  percent: ['nominal'],
};

/** Checks a metric and level named by a user; throws a usage error that lists the choices. */
export function checkMetricLevel(metric: string, level: string): { metric: Metric; level: Level } {
  if (!(METRICS as readonly string[]).includes(metric))
    throw usage(`unknown metric '${metric}'; expected one of: ${METRICS.join(', ')}`);
  const m = metric as Metric;
  if (!(LEVELS as readonly string[]).includes(level))
    throw usage(`unknown level '${level}'; expected one of: ${LEVELS.join(', ')}`);
  const allowed = METRIC_LEVELS[m];
  if (!allowed.includes(level as Level))
    throw usage(
      `${METRIC_NAMES[m]} is defined for the ${allowed.join(', ')} level${allowed.length > 1 ? 's' : ''}, not '${level}'`,
    );
  return { metric: m, level: level as Level };
}

export interface AgreementOptions {
  metric?: Metric;
  level?: Level;
  /** Interval settings (level default 0.95, 1000 resamples, seed 1), or false for no interval. */
  ci?: BootstrapOptions | false;
}

export type IntervalMethod =
  | { method: 'bootstrap'; level: number; resamples: number; seed: number; failed: number }
  | { method: 'wilson'; level: number };

export interface AgreementReport {
  metric: Metric;
  level: Level;
  /** The metric's display name. */
  name: string;
  value: number;
  /** Items the metric compared (for Cohen, items both annotators judged; else items with ≥ 2 values). */
  items: number;
  /** Annotators with a value among those items. */
  annotators: number;
  /** The confidence interval, or null when not asked for or when no resample was defined. */
  ci: [number, number] | null;
  interval: IntervalMethod | null;
  details: AlphaResult | FleissResult | CohenResult | PercentResult;
}

export function computeAgreement(data: ReliabilityData, options: AgreementOptions = {}): AgreementReport {
  const { metric, level } = checkMetricLevel(options.metric ?? 'krippendorff', options.level ?? 'nominal');
  const ciOptions = options.ci === false ? null : (options.ci ?? {});
  const ciLevel = ciOptions?.level ?? DEFAULT_LEVEL;
  let value: number;
  let items: number;
  let annotators: number;
  let details: AgreementReport['details'];
  let resampling: Resampling;
  let wilson: [number, number] | null = null;

  switch (metric) {
    case 'krippendorff': {
      const p = prepareAlpha(data, level);
      ({ result: details, resampling } = p);
      [value, items, annotators] = [p.result.alpha, p.result.items, p.result.annotators];
      break;
    }
    case 'fleiss': {
      const p = prepareFleiss(data);
      ({ result: details, resampling } = p);
      [value, items, annotators] = [p.result.kappa, p.result.items, p.result.annotators];
      break;
    }
    case 'cohen': {
      const p = prepareCohen(data, level);
      ({ result: details, resampling } = p);
      [value, items, annotators] = [p.result.kappa, p.result.items, p.result.annotators];
      break;
    }
    case 'percent': {
      const p = preparePercent(data);
      ({ result: details, resampling } = p);
      [value, items, annotators] = [p.result.agreement, p.result.items, p.result.annotators];
      if (ciOptions && p.result.agreed !== null)
        wilson = wilsonInterval(p.result.agreed, p.result.items, ciLevel);
      break;
    }
  }

  let ci: [number, number] | null = null;
  let interval: IntervalMethod | null = null;
  if (wilson) {
    ci = wilson;
    interval = { method: 'wilson', level: ciLevel };
  } else if (ciOptions) {
    const b = bootstrapInterval(resampling.statistic, resampling.groupOf, ciOptions);
    if (Number.isFinite(b.low) && Number.isFinite(b.high)) ci = [b.low, b.high];
    interval = {
      method: 'bootstrap',
      level: b.level,
      resamples: b.resamples,
      seed: b.seed,
      failed: b.failed,
    };
  }
  return { metric, level, name: METRIC_NAMES[metric], value, items, annotators, ci, interval, details };
}
