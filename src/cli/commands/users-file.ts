import type { Command } from 'commander';
import { badInput, TandemError } from '../../core/errors.js';
import { cliActor, withStore } from '../context.js';
import { emit } from '../output.js';

/**
 * `tandem users add --file`: every row checked first (the file's own rules, then the store's:
 * names taken or repeated, datasets that exist, the password policy), every problem reported with
 * its line, and the users created in one transaction only when there is none.
 */
export async function addUsersFromFile(
  cmd: Command,
  file: string,
  defaults: { role?: string; token?: string },
): Promise<void> {
  const { readUsersFile } = await import('../../io/users-file.js');
  const { accountProblems, createAccounts } = await import('../../server/auth/provision.js');
  const { rows, problems } = await readUsersFile(file, defaults);
  await withStore(cmd, async (store, g) => {
    const accounts = rows.map((r) => r.account);
    for (const p of await accountProblems(store, accounts, 'cli', (i) => `line ${rows[i]!.line}`))
      problems.push({ line: rows[p.index]!.line, message: p.message });
    if (problems.length) {
      problems.sort((a, b) => a.line - b.line);
      const shown = problems.slice(0, 50).map((p) => `  ${file}:${p.line}: ${p.message}`);
      if (problems.length > shown.length) shown.push(`  … and ${problems.length - shown.length} more`);
      throw badInput(
        `${problems.length} problem${problems.length > 1 ? 's' : ''} in ${file}; no user was created:\n${shown.join('\n')}`,
        undefined,
        { problems },
      );
    }
    if (!accounts.length) throw new TandemError('bad_input', `${file} lists no users`);
    const created = await createAccounts(store, accounts, cliActor());
    emit(
      g,
      created.map((c) => ({
        user: c.user,
        ...(c.password ? { password: c.password } : {}),
        ...(c.token ? { token: c.token } : {}),
      })),
      () =>
        [
          `Added ${created.length} user${created.length > 1 ? 's' : ''}${created.some((c) => c.password || c.token) ? ' (passwords and tokens below are shown once)' : ''}:`,
          ...created.map((c) =>
            [
              `  ${c.user.username.padEnd(20)} ${c.user.role.padEnd(10)}`,
              c.password ? ` password: ${c.password}` : '',
              c.token ? ` token: ${c.token}` : '',
            ]
              .join('')
              .trimEnd(),
          ),
        ].join('\n'),
    );
  });
}
