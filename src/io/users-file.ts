/**
 * A file of users to create (`tandem users add --file`): CSV (a header line naming the columns) or
 * JSON lines, one user a row. Columns: `username`, `role`, `languages` and `datasets` (lists: JSON
 * arrays, or names separated by spaces, commas or semicolons), `password`, `token` (the label of an
 * API token to create). Every row is checked; a bad row is reported with its line, and the caller
 * creates nothing unless every row is good.
 */
import { type NewAccount, newAccount } from '../core/accounts.js';
import { detectFormat, readRows } from './rows.js';

const COLUMNS = ['username', 'role', 'languages', 'datasets', 'password', 'token'];
/** Users files are written by hand: a bound on their size keeps a mistake from exhausting memory. */
const MAX_ROWS = 100_000;

export interface UserRow {
  line: number;
  account: NewAccount;
}

export interface RowProblem {
  line: number;
  message: string;
}

/** An empty cell means "not given"; a list column may be a JSON array or a separated string. */
function normalise(value: Record<string, unknown>, defaults: { role?: string; token?: string }) {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === '' || v === null || v === undefined) continue;
    out[k] =
      (k === 'languages' || k === 'datasets') && typeof v === 'string'
        ? v.split(/[\s,;]+/).filter(Boolean)
        : v;
  }
  if (out.role === undefined && defaults.role !== undefined) out.role = defaults.role;
  if (out.token === undefined && defaults.token !== undefined) out.token = defaults.token;
  return out;
}

export async function readUsersFile(
  file: string,
  defaults: { role?: string; token?: string } = {},
): Promise<{ rows: UserRow[]; problems: RowProblem[] }> {
  const format = detectFormat(file);
  const rows: UserRow[] = [];
  const problems: RowProblem[] = [];
  for await (const items of readRows(file, format)) {
    for (const item of items) {
      if (rows.length + problems.length >= MAX_ROWS) {
        problems.push({ line: item.line, message: `a users file has at most ${MAX_ROWS} rows` });
        return { rows, problems };
      }
      if (!item.ok) {
        problems.push({ line: item.line, message: item.message });
        continue;
      }
      const unknown = Object.keys(item.value).filter((k) => !COLUMNS.includes(k));
      if (unknown.length) {
        problems.push({
          line: item.line,
          message: `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} (columns: ${COLUMNS.join(', ')})`,
        });
        continue;
      }
      const parsed = newAccount.safeParse(normalise(item.value, defaults));
      if (parsed.success) rows.push({ line: item.line, account: parsed.data });
      else {
        const issue = parsed.error.issues[0]!;
        const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
        problems.push({ line: item.line, message: `${where}${issue.message}` });
      }
    }
  }
  return { rows, problems };
}
