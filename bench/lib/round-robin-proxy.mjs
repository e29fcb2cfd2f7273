// A small round-robin HTTP balancer for the scale-out benchmark, standing in for the one a team puts
// in front of several `tandem serve` (nginx, HAProxy, a cloud load balancer): keep-alive connections
// both ways, each request to the next live server. A request a server did not answer — refused, or
// the connection dropped before a response began (the server was killed) — is sent to the next
// server, as a balancer with retries does; the server is left out for a second before it is tried
// again. Retrying is safe for Tandem's annotation calls: `next` hands a caller back the lease they
// already hold, and an answer sent again replaces the caller's own answer.
import http from 'node:http';
import { fileURLToPath } from 'node:url';

const HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade']);
const DOWN_MS = 1000;

/** upstreams: [{ host, port }]. Resolves with { port, stats(), close() } once listening. */
export async function startProxy({ upstreams, host = '127.0.0.1', port = 0 }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512, maxFreeSockets: 512 });
  const state = upstreams.map((u) => ({ ...u, requests: 0, failed: 0, downUntil: 0 }));
  let turn = 0;
  let retried = 0;
  let unanswered = 0;

  function pick(tried) {
    const now = performance.now();
    for (let i = 0; i < state.length; i++) {
      const u = state[(turn + i) % state.length];
      if (!tried.has(u) && u.downUntil <= now) {
        turn = (turn + i + 1) % state.length;
        return u;
      }
    }
    // Every server is marked down: try one not yet tried anyway.
    return state.find((u) => !tried.has(u));
  }

  function forward(req, res, body, tried) {
    const u = pick(tried);
    if (!u) {
      unanswered++;
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('no server answered');
      return;
    }
    tried.add(u);
    u.requests++;
    const headers = {};
    for (const [k, v] of Object.entries(req.headers)) if (!HOP.has(k)) headers[k] = v;
    headers['content-length'] = String(body.length);
    let began = false;
    const up = http.request(
      { host: u.host, port: u.port, method: req.method, path: req.url, headers, agent },
      (ur) => {
        began = true;
        const out = {};
        for (const [k, v] of Object.entries(ur.headers)) if (!HOP.has(k)) out[k] = v;
        res.writeHead(ur.statusCode ?? 502, out);
        ur.pipe(res);
        ur.on('aborted', () => res.destroy());
      },
    );
    up.on('error', () => {
      if (began) return res.destroy();
      u.failed++;
      u.downUntil = performance.now() + DOWN_MS;
      retried++;
      forward(req, res, body, tried);
    });
    up.end(body);
  }

  const server = http.createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => forward(req, res, Buffer.concat(chunks), new Set()));
  });
  server.maxConnections = 4096;
  await new Promise((resolve) => server.listen(port, host, resolve));
  return {
    port: server.address().port,
    /** Requests sent to each server (retries included), failures, retries, requests no server answered. */
    stats: () => ({
      upstreams: state.map((u) => ({ host: u.host, port: u.port, requests: u.requests, failed: u.failed })),
      retried,
      unanswered,
    }),
    close: () =>
      new Promise((resolve) => {
        agent.destroy();
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

// Run as a process of its own (`fork`), so the balancer does not share the load generator's event
// loop: argv is a JSON { upstreams, host, port }; sends { port } once listening and answers every
// message with { stats }.
if (process.argv[1] === fileURLToPath(import.meta.url) && process.send) {
  const proxy = await startProxy(JSON.parse(process.argv[2]));
  process.send({ port: proxy.port });
  process.on('message', () => process.send({ stats: proxy.stats() }));
  process.on('disconnect', async () => {
    await proxy.close();
    process.exit(0);
  });
}
