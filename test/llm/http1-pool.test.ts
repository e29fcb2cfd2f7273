import { readFileSync } from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Http1Pool } from '../../src/llm/http/http1-pool.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/tls/${name}`, import.meta.url), 'utf8');

/** What a raw TCP server saw: connections, and each request's bytes. */
interface Seen {
  connections: number;
  requests: string[];
}

/**
 * A raw server, so a test controls every byte and every close. `answer(request, nth on this
 * connection, socket)` writes the reply (or closes).
 */
async function rawServer(answer: (request: string, nth: number, socket: net.Socket) => void) {
  const seen: Seen = { connections: 0, requests: [] };
  const server = net.createServer((socket) => {
    seen.connections++;
    let nth = 0;
    let buf = '';
    socket.on('data', (d) => {
      buf += d.toString('latin1');
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/content-length: (\d+)/i.exec(buf.slice(0, end))?.[1] ?? 0);
      if (buf.length < end + 4 + length) return;
      const request = buf.slice(0, end + 4 + length);
      buf = buf.slice(end + 4 + length);
      seen.requests.push(request);
      answer(request, nth++, socket);
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  servers.push(server);
  return { port, seen };
}

const servers: { close(): void }[] = [];
const pools: Http1Pool[] = [];
afterEach(() => {
  for (const p of pools.splice(0)) p.close();
  for (const s of servers.splice(0)) s.close();
});

function pool(port: number, idleMs?: number) {
  const p = new Http1Pool({ secure: false, hostname: '127.0.0.1', port }, idleMs);
  pools.push(p);
  return p;
}

const request = (body = '{}') =>
  `POST /v1/x HTTP/1.1\r\nHost: t\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
const reply = (body: string, extra = '') =>
  `HTTP/1.1 200 OK\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${extra}\r\n${body}`;

describe('Http1Pool', () => {
  it('sends the request bytes as given and reuses one kept-alive connection', async () => {
    const { port, seen } = await rawServer((_req, nth, s) => s.write(reply(`{"n":${nth}}`)));
    const p = pool(port);
    for (let i = 0; i < 3; i++) {
      const r = await p.send(request(`{"i":${i}}`), 1000).done;
      expect(r.body.toString()).toBe(`{"n":${i}}`);
    }
    expect(seen.connections).toBe(1);
    expect(seen.requests).toEqual([0, 1, 2].map((i) => request(`{"i":${i}}`)));
  });

  it('opens as many connections as requests in flight, then keeps them', async () => {
    const { port, seen } = await rawServer((_req, _nth, s) => setTimeout(() => s.write(reply('{}')), 20));
    const p = pool(port);
    await Promise.all(Array.from({ length: 5 }, () => p.send(request(), 1000).done));
    await Promise.all(Array.from({ length: 5 }, () => p.send(request(), 1000).done));
    expect(seen.connections).toBe(5);
    expect(seen.requests).toHaveLength(10);
  });

  it('does not reuse a connection the server said to close, or one idle too long', async () => {
    const { port, seen } = await rawServer((_req, nth, s) => {
      if (nth === 0) s.end(reply('{}', 'Connection: close\r\n'));
      else s.write(reply('{}'));
    });
    const p = pool(port, 50);
    await p.send(request(), 1000).done;
    await p.send(request(), 1000).done; // a new connection: the first was closed
    expect(seen.connections).toBe(2);
    await new Promise((r) => setTimeout(r, 80));
    await p.send(request(), 1000).done; // idle 80 ms > 50: closed, and a third opened
    expect(seen.connections).toBe(3);
  });

  it('closes connections left idle past the limit, without a request to notice', async () => {
    let closed = 0;
    const { port } = await rawServer((_req, _nth, s) => {
      s.on('close', () => closed++);
      s.write(reply('{}'));
    });
    const p = pool(port, 40);
    await Promise.all([p.send(request(), 1000).done, p.send(request(), 1000).done]);
    expect(closed).toBe(0);
    await new Promise((r) => setTimeout(r, 150));
    expect(closed).toBe(2);
  });

  it('sends again on a new connection when a kept-alive one turns out closed, before any answer', async () => {
    // The server takes the second request on a connection and closes without a byte: what a server
    // closing an idle connection just as the request leaves looks like.
    const { port, seen } = await rawServer((_req, nth, s) => {
      if (nth === 1) s.destroy();
      else s.write(reply(`{"n":${nth}}`));
    });
    const p = pool(port);
    await p.send(request(), 1000).done;
    const r = await p.send(request('{"again":1}'), 1000).done;
    expect(r.body.toString()).toBe('{"n":0}');
    expect(seen.connections).toBe(2);
    expect(seen.requests.slice(1)).toEqual([request('{"again":1}'), request('{"again":1}')]);
  });

  it('does not send again when a new connection closes, or an answer had begun', async () => {
    const closes = await rawServer((_req, _nth, s) => s.destroy());
    const e = await pool(closes.port)
      .send(request(), 1000)
      .done.catch((x) => x);
    expect(e).toMatchObject({ code: 'ECONNRESET' });
    expect(closes.seen.requests).toHaveLength(1);

    const half = await rawServer((_req, nth, s) => {
      if (nth === 0) s.write(reply('{}'));
      else s.end('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n12');
    });
    const p = pool(half.port);
    await p.send(request(), 1000).done;
    const e2 = await p.send(request(), 1000).done.catch((x) => x);
    expect(e2.message).toMatch(/closed in the middle of the answer/);
    expect(half.seen.requests).toHaveLength(2);
  });

  it('rejects with the errno of a refused connection', async () => {
    const { port } = await rawServer(() => {});
    servers.pop()!.close();
    await new Promise((r) => setTimeout(r, 20));
    const e = await pool(port)
      .send(request(), 1000)
      .done.catch((x) => x);
    expect(e.code).toBe('ECONNREFUSED');
  });

  it('cancel closes the connection and rejects with the reason', async () => {
    const { port } = await rawServer(() => {}); // never answers
    const p = pool(port);
    const x = p.send(request(), 1000);
    setTimeout(() => x.cancel(new Error('stop now')), 20);
    await expect(x.done).rejects.toThrow('stop now');
    // The pool is still usable: a new request gets a new connection.
    const p2 = await rawServer((_r, _n, s) => s.write(reply('{"ok":1}')));
    expect((await pool(p2.port).send(request(), 1000).done).body.toString()).toBe('{"ok":1}');
  });

  it('a cancel after the answer leaves the connection, now serving another request, alone', async () => {
    const { port, seen } = await rawServer((_req, nth, s) =>
      setTimeout(() => s.write(reply(`{"n":${nth}}`)), 10),
    );
    const p = pool(port);
    const first = p.send(request(), 1000);
    await first.done;
    const second = p.send(request(), 1000); // the same kept-alive connection
    first.cancel(new Error('late'));
    expect((await second.done).body.toString()).toBe('{"n":1}');
    expect(seen.connections).toBe(1);
  });

  it('rejects an answer over the limit and closes that connection', async () => {
    const { port, seen } = await rawServer((_req, _nth, s) => s.write(reply('x'.repeat(5000))));
    const p = pool(port);
    await expect(p.send(request(), 1000).done).rejects.toThrow(/answer larger than 1000 bytes/);
    await expect(p.send(request(), 10_000).done).resolves.toMatchObject({ status: 200 });
    expect(seen.connections).toBe(2);
  });

  it('speaks HTTPS, checking the certificate', async () => {
    const server = https.createServer(
      { key: fixture('localhost.key'), cert: fixture('localhost.crt') },
      (req, res) => {
        let body = '';
        req.on('data', (d) => {
          body += d;
        });
        req.on('end', () => {
          const socket = req.socket as import('node:tls').TLSSocket;
          const resumed = socket.isSessionReused();
          res.end(JSON.stringify({ path: req.url, body, alpn: socket.alpnProtocol, resumed }));
        });
      },
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    servers.push(server);
    const port = (server.address() as net.AddressInfo).port;
    const trusted = new Http1Pool({
      secure: true,
      hostname: 'localhost',
      port,
      ca: fixture('localhost.crt'),
    });
    pools.push(trusted);
    const r = await trusted.send(request('{"hi":1}'), 1000).done;
    expect(JSON.parse(r.body.toString())).toEqual({
      path: '/v1/x',
      body: '{"hi":1}',
      alpn: 'http/1.1',
      resumed: false,
    });
    // A new connection resumes the TLS session of the first instead of a full handshake.
    trusted.close();
    const again = await trusted.send(request(), 1000).done;
    expect(JSON.parse(again.body.toString()).resumed).toBe(true);
    // Without the test's CA the self-signed certificate is refused, as any unknown one would be.
    const untrusted = new Http1Pool({ secure: true, hostname: 'localhost', port });
    pools.push(untrusted);
    const e = await untrusted.send(request(), 1000).done.catch((x) => x);
    expect(e.code).toMatch(/SELF_SIGNED|UNABLE_TO_VERIFY|DEPTH_ZERO/);
  });
});
