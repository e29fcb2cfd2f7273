import type { Command } from 'commander';
import { registerAuditCounterfactual } from './audit-counterfactual.js';
import { registerAuditRuns } from './audit-runs.js';
import { registerAuditTools } from './audit-tools.js';

/** `tandem audit …`: the audit stage's commands. The file tools need no store. */
export function registerAudit(program: Command): void {
  const audit = program
    .command('audit')
    .description(
      'audit a dataset: representation, factual accuracy, drift; error-rate estimates, acceptance sampling plans',
    );
  registerAuditTools(audit);
  registerAuditRuns(audit);
  registerAuditCounterfactual(audit);
}
