import net from 'node:net';
import tls from 'node:tls';
import { type Http1Response, Http1ResponseReader, ResponseCutShort } from './http1-response.js';

/**
 * Keep-alive HTTP/1.1 connections to one origin, for requests written whole by the caller (head and
 * body in one string) and answered whole. Why not node:http or undici (fetch): at the rates a
 * generation run reaches against a local server (over a thousand requests a second), node:http took
 * 2.5× and fetch 10× the CPU of this per request (`npm run bench -- http-post`), as much as the whole
 * rest of a row: ClientRequest/IncomingMessage streams, per-request header objects and listeners.
 * This writes each request once, reads plain sockets without stream events (`onread`), and attaches
 * its listeners once per connection.
 *
 * What it does not do, because the chat path needs none of it: pipelining, request streaming,
 * proxies, HTTP/2. (The chat path asks for `identity`; an answer compressed anyway is undone by the
 * reader, see content-coding.ts.)
 */

export interface Http1Origin {
  secure: boolean;
  /** A name or an IP address (IPv6 without brackets). */
  hostname: string;
  port: number;
  /**
   * Certificates to trust instead of the system's, for HTTPS (the tests' own). Users with a private
   * CA set NODE_EXTRA_CA_CERTS, which adds to the system's.
   */
  ca?: string;
}

export interface Http1Exchange {
  /**
   * The response. Rejects with the socket's error (its `code` is the errno name, e.g. ECONNREFUSED),
   * an Http1ProtocolError, or the reason given to `cancel`.
   */
  done: Promise<Http1Response>;
  /** Stops the request: its connection is closed and `done` rejects with `reason`. */
  cancel(reason: Error): void;
}

/** `unanswered`: the connection closed before a byte of the answer arrived. */
type Settle = (error: Error | undefined, response?: Http1Response, unanswered?: boolean) => void;

/** An idle connection older than this is closed rather than reused: servers close theirs at ~5 s. */
const DEFAULT_IDLE_MS = 4_000;

export class Http1Pool {
  /** Idle connections, the most recently used last (LIFO keeps few connections warm). */
  private readonly idle: Connection[] = [];
  /** The last TLS session the server offered: a new connection resumes it (no full handshake). */
  tlsSession: Buffer | undefined;
  /** Closes connections idle past the limit; running only while some are idle. */
  private sweeper: NodeJS.Timeout | undefined;

  constructor(
    readonly origin: Http1Origin,
    private readonly idleMs = DEFAULT_IDLE_MS,
  ) {}

  send(request: string, maxBodyBytes: number): Http1Exchange {
    let settle!: Settle;
    let conn: Connection;
    let finished = false;
    const done = new Promise<Http1Response>((resolve, reject) => {
      settle = (error, response) => {
        finished = true;
        if (error) reject(error);
        else resolve(response!);
      };
    });
    const start = (fresh: boolean) => {
      conn = (fresh ? undefined : this.takeIdle()) ?? new Connection(this);
      const reused = conn.requests > 0;
      conn.start(request, maxBodyBytes, (error, response, unanswered) => {
        // A kept-alive connection that turns out closed, with no byte of an answer: the usual cause
        // is a server closing it while idle, which never saw the request. It is sent once more on
        // a new connection, as browsers and undici do; a server that did see it and then died
        // would have had it resent by the scheduler's retries anyway.
        if (error && reused && unanswered) start(true);
        else settle(error, response);
      });
    };
    start(false);
    // Once answered, the connection may already serve another request: a late cancel is a no-op.
    return { done, cancel: (reason) => finished || conn.cancel(reason) };
  }

  /** Closes the idle connections (those in use close when their answers arrive). */
  close(): void {
    for (const c of this.idle.splice(0)) c.socket.destroy();
    this.stopSweep();
  }

  /** @internal A connection whose answer arrived whole and which the server keeps open. */
  release(c: Connection): void {
    c.idleSince = performance.now();
    c.socket.unref(); // an idle connection does not keep the process alive
    this.idle.push(c);
    // One timer for the pool, not one per connection: a request then costs no timer work.
    this.sweeper ??= setInterval(() => this.sweep(), this.idleMs).unref();
  }

  /** Closes the connections idle past the limit (the oldest are first in the list). */
  private sweep(): void {
    const now = performance.now();
    while (this.idle.length > 0 && now - this.idle[0]!.idleSince >= this.idleMs)
      this.idle.shift()!.socket.destroy();
    if (this.idle.length === 0) this.stopSweep();
  }

  private stopSweep(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = undefined;
  }

  /** @internal */
  forget(c: Connection): void {
    const i = this.idle.lastIndexOf(c);
    if (i >= 0) this.idle.splice(i, 1);
  }

  private takeIdle(): Connection | undefined {
    const now = performance.now();
    for (let c = this.idle.pop(); c; c = this.idle.pop()) {
      if (!c.closed && now - c.idleSince < this.idleMs) return c;
      c.socket.destroy();
    }
    return undefined;
  }
}

/** The connection closed before the answer was whole, without a socket error to say why. */
class ConnectionLost extends Error {
  readonly code = 'ECONNRESET';
  constructor(started: boolean) {
    super(started ? 'the connection closed in the middle of the answer' : 'socket hang up');
    this.name = 'ConnectionLost';
  }
}

/** Shared by every plain connection: a read is copied out before the next one can happen. */
const readBuffer = Buffer.allocUnsafe(64 * 1024);

class Connection {
  readonly socket: net.Socket;
  requests = 0;
  idleSince = 0;
  closed = false;
  private reader: Http1ResponseReader | undefined;
  private settle: Settle | undefined;
  private error: Error | undefined;

  constructor(private readonly pool: Http1Pool) {
    const { secure, hostname, port, ca } = pool.origin;
    const session = pool.tlsSession;
    this.socket = secure
      ? tls.connect({
          host: hostname,
          port,
          // SNI takes a name, never an address.
          ...(net.isIP(hostname) ? {} : { servername: hostname }),
          ALPNProtocols: ['http/1.1'],
          ...(ca ? { ca } : {}),
          ...(session ? { session } : {}),
        })
      : net.connect({
          host: hostname,
          port,
          // Bytes read into one buffer and handed over directly, without the stream's 'data' events
          // (a third of the client's CPU per request). onData copies what it keeps.
          onread: {
            buffer: readBuffer,
            callback: (n: number, buf: Uint8Array) => {
              this.onData(Buffer.from(buf.subarray(0, n)));
              return true;
            },
          },
        });
    this.socket.setNoDelay(true);
    if (secure) {
      this.socket.on('data', (chunk: Buffer) => this.onData(chunk));
      this.socket.on('session', (s: Buffer) => {
        pool.tlsSession = s;
      });
    }
    this.socket.on('error', (e: Error) => {
      this.error ??= e;
    });
    this.socket.on('close', () => this.onClose());
  }

  start(request: string, maxBodyBytes: number, settle: Settle): void {
    this.requests++;
    this.reader = new Http1ResponseReader(maxBodyBytes);
    this.settle = settle;
    this.socket.ref();
    this.socket.write(request);
  }

  cancel(reason: Error): void {
    const settle = this.take();
    if (!settle) return;
    this.socket.destroy();
    settle(reason);
  }

  private onData(chunk: Buffer): void {
    const reader = this.reader;
    if (!reader) {
      this.socket.destroy(); // bytes nobody asked for: the connection's state is unknown
      return;
    }
    let response: Http1Response | undefined;
    try {
      response = reader.push(chunk);
    } catch (e) {
      const settle = this.take();
      this.socket.destroy();
      settle?.(e as Error);
      return;
    }
    if (!response) return;
    const settle = this.take()!;
    if (response.keepAlive) this.pool.release(this);
    else this.socket.destroy();
    settle(undefined, response);
  }

  private onClose(): void {
    this.closed = true;
    this.pool.forget(this);
    const reader = this.reader;
    const settle = this.take();
    if (!reader || !settle) return;
    if (this.error) {
      settle(this.error, undefined, !reader.started);
      return;
    }
    try {
      settle(undefined, reader.end()); // a body framed by the close is whole now
    } catch (e) {
      const lost = e instanceof ResponseCutShort ? new ConnectionLost(reader.started) : (e as Error);
      settle(lost, undefined, !reader.started);
    }
  }

  /** The pending request's callback, now detached from this connection. */
  private take(): Settle | undefined {
    const settle = this.settle;
    this.settle = undefined;
    this.reader = undefined;
    return settle;
  }
}
