import { startSearchIndexer } from '../store/search-indexer.js';
import type { Store } from '../store/store.js';
import { buildServer, type ServerOptions } from './app.js';

/**
 * Serves until SIGINT or SIGTERM. A port already taken is a plain message, not a stack trace.
 * `onListening` gets the base URL once the server accepts connections.
 */
export async function serveUntilStopped(
  store: Store,
  o: ServerOptions & { port: number; host: string; onListening: (url: string) => void },
): Promise<void> {
  const { port, host, onListening, ...options } = o;
  const app = await buildServer(store, options);
  let url: string;
  try {
    url = await app.listen({ port, host });
  } catch (e) {
    await app.close();
    const code = (e as { code?: string }).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      const { TandemError } = await import('../core/errors.js');
      throw new TandemError(
        'usage',
        `cannot listen on ${host}:${port} (${code === 'EADDRINUSE' ? 'the port is in use' : 'permission denied'}); pass --port with another port`,
      );
    }
    throw e;
  }
  onListening(url);
  // Records imported or generated since the last start become searchable through the index.
  const indexer = startSearchIndexer(store, { onError: (e) => app.log.error(e, 'search indexing failed') });
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await indexer.stop();
  await app.close();
}
