import type { ReactNode } from 'react';

export interface Stat {
  /** What the figure is; also its key, so unique within a list. */
  label: string;
  value: ReactNode;
  testId?: string;
}

/** A few headline figures, each under its label (a description list, read as label–value pairs). */
export function StatList({ stats, testId }: { stats: Stat[]; testId?: string }) {
  return (
    <dl className="totals" data-testid={testId}>
      {stats.map((s) => (
        <div key={s.label}>
          <dt>{s.label}</dt>
          <dd data-testid={s.testId}>{s.value}</dd>
        </div>
      ))}
    </dl>
  );
}
