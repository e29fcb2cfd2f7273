import type { Command } from 'commander';
import { withStore } from '../context.js';
import { note } from '../output.js';
import { positiveInt } from './generate.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the HTTP API (the annotation app comes with it)')
    .option('--port <port>', 'port', '8787')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--secure-cookies', 'mark session cookies Secure (when served over HTTPS)')
    .option(
      '--lease <seconds>',
      'how long a record handed to an annotator stays reserved for them (default 1800)',
    )
    .action(
      async (o: { port: string; host: string; secureCookies?: boolean; lease?: string }, cmd: Command) => {
        const port = positiveInt('--port', o.port, 0) ?? 8787;
        const lease = positiveInt('--lease', o.lease);
        const { serveUntilStopped } = await import('../../server/listen.js');
        const { ensureOwner } = await import('../../server/first-start.js');
        const { storeWarnings } = await import('../../store/server-settings.js');
        await withStore(cmd, async (store) => {
          for (const w of await storeWarnings(store)) note(`Warning: ${w}`);
          const first = await ensureOwner(store);
          if (first)
            note(
              `First start: created the owner '${first.username}' with password ${first.password} (shown once).`,
            );
          await serveUntilStopped(store, {
            port,
            host: o.host,
            secureCookies: Boolean(o.secureCookies),
            ...(lease ? { leaseMs: lease * 1000 } : {}),
            onListening: (url) =>
              note(`Tandem on ${url} (store: ${store.location}); API docs: ${url}/api/docs`),
          });
        });
      },
    );
}
