import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { role as roleSchema } from '../../core/annotation.js';
import { notFound, usage } from '../../core/errors.js';
import { cliActor, withStore } from '../context.js';
import { emit } from '../output.js';

/** The password on stdin (one trailing newline dropped), if the policy accepts it; else exit 2 with the rule. */
async function passwordFromStdin(username: string): Promise<string> {
  const { passwordProblem } = await import('../../server/auth/password-policy.js');
  const password = readFileSync(0, 'utf8').replace(/\r?\n$/, '');
  const problem = passwordProblem(password, username);
  if (problem) throw usage(problem);
  return password;
}

function parseRole(value: string) {
  const r = roleSchema.safeParse(value);
  if (!r.success) throw usage(`--role must be one of ${roleSchema.options.join(', ')}, got '${value}'`);
  return r.data;
}

export function registerUsers(program: Command): void {
  const users = program.command('users').description('accounts of the annotation app');

  users
    .command('add')
    .description(
      'add a user, or every user in a file (--file, all or none); prints generated passwords unless one comes on stdin',
    )
    .argument('[name]', 'user name (not with --file)')
    .option('--role <role>', 'owner | admin | reviewer | annotator (with --file: for rows without a role)')
    .option('--languages <codes>', 'languages the user works in, e.g. en,es')
    .option('--password-stdin', 'read the password from stdin')
    .option(
      '--file <path>',
      'users to create, CSV or JSON lines: username, role, languages, datasets, password, token',
    )
    .option('--tokens [label]', 'also create an API token for each user and print it (label: cli)')
    .action(
      async (
        name: string | undefined,
        o: {
          role?: string;
          languages?: string;
          passwordStdin?: boolean;
          file?: string;
          tokens?: string | true;
        },
        cmd: Command,
      ) => {
        const tokenLabel = o.tokens === undefined ? undefined : o.tokens === true ? 'cli' : o.tokens;
        if (o.file !== undefined) {
          if (name !== undefined || o.passwordStdin || o.languages !== undefined)
            throw usage(
              '--file takes the names, languages and passwords from the file: give no name, --languages or --password-stdin',
            );
          if (o.role !== undefined) parseRole(o.role);
          const { addUsersFromFile } = await import('./users-file.js');
          return addUsersFromFile(cmd, o.file, {
            ...(o.role !== undefined ? { role: o.role } : {}),
            ...(tokenLabel !== undefined ? { token: tokenLabel } : {}),
          });
        }
        if (name === undefined) throw usage('give a user name, or --file with a list of users');
        if (o.role === undefined) throw usage("required option '--role <role>' not specified");
        const role = parseRole(o.role);
        if (!/^[A-Za-z0-9._@-]{1,100}$/.test(name))
          throw usage(`user names are letters, digits and . _ @ - (got '${name}')`);
        const { generatePassword, hashPassword } = await import('../../server/auth/password.js');
        const given = o.passwordStdin ? await passwordFromStdin(name) : undefined;
        const password = given ?? generatePassword();
        const languages = o.languages
          ? o.languages
              .split(',')
              .map((l) => l.trim())
              .filter(Boolean)
          : [];
        await withStore(cmd, async (store, g) => {
          const user = await store.users.create(
            { username: name, role, languages, passwordHash: await hashPassword(password) },
            cliActor(),
          );
          const token =
            tokenLabel === undefined
              ? undefined
              : await store.auth.createApiToken(user.id, tokenLabel, cliActor());
          emit(g, { user, ...(given ? {} : { password }), ...(token ? { token } : {}) }, () =>
            [
              given
                ? `Added ${user.role} '${user.username}'.`
                : `Added ${user.role} '${user.username}' with password: ${password}\n(shown once; they can log in with it now)`,
              ...(token ? [`API token: ${token}`] : []),
            ].join('\n'),
          );
        });
      },
    );

  users
    .command('password')
    .description("set a user's password from stdin (the password policy applies: docs/security.md)")
    .argument('<name>', 'user name')
    .requiredOption('--password-stdin', 'read the password from stdin')
    .action(async (name: string, _o: unknown, cmd: Command) => {
      const { hashPassword } = await import('../../server/auth/password.js');
      const password = await passwordFromStdin(name);
      await withStore(cmd, async (store, g) => {
        if (!(await store.users.find(name))) throw notFound('user', name);
        await store.auth.setPasswordHash(name, await hashPassword(password), cliActor());
        emit(g, { username: name, changed: true }, () => `Password of '${name}' changed.`);
      });
    });

  users
    .command('list')
    .description('list users')
    .action(async (_o: unknown, cmd: Command) => {
      await withStore(cmd, async (store, g) => {
        const list = await store.auth.listUsers();
        emit(
          g,
          list,
          () =>
            list
              .map(
                (u) =>
                  `${u.username.padEnd(20)} ${u.role.padEnd(10)} ${u.languages.join(',') || '-'}${u.disabled ? ' (disabled)' : ''}`,
              )
              .join('\n') || 'no users',
        );
      });
    });

  users
    .command('token')
    .description('create an API token for scripts (Authorization: Bearer TOKEN); shown once')
    .argument('<name>', 'user name')
    .option('--label <label>', 'what the token is for', 'cli')
    .action(async (name: string, o: { label: string }, cmd: Command) => {
      await withStore(cmd, async (store, g) => {
        const user = await store.users.find(name);
        if (!user) throw notFound('user', name);
        const token = await store.auth.createApiToken(user.id, o.label, cliActor());
        emit(g, { user: user.username, token }, () => token);
      });
    });
}
