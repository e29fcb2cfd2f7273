// CPU per chat request of three HTTP clients against the same local fake server (50 ms answers, 64 in
// flight): node:http with a keep-alive agent (the chat path until issue 19's fourth round), fetch
// (undici, built into Node), and the chat path's own pool (src/llm/http/). Each client runs in a
// fresh process: N requests cold (what a short run pays, JIT warm-up included), then N warm.
// Usage: npm run build && npm run bench -- http-post [N=5000]
import { fork } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { machine } from './lib/machine.mjs';

const N = Number(process.argv[3] ?? 5000);
const SLOTS = 64;
const self = fileURLToPath(import.meta.url);

if (process.env.HTTP_POST_CLIENT) {
  const [client, url] = [process.env.HTTP_POST_CLIENT, process.env.HTTP_POST_URL];
  const body = (i) => ({
    model: 'm',
    messages: [{ role: 'user', content: `Write a short customer question about tents (row ${i}).` }],
  });
  let post;
  if (client === 'tandem') {
    const { postChatCompletion } = await import('../dist/llm/openai-chat-post.js');
    const target = { label: 'bench', baseURL: url, apiKey: 'k', timeoutMs: 60_000 };
    const signal = new AbortController().signal;
    post = (i) => postChatCompletion(target, body(i), signal);
  } else if (client === 'node:http') {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1024, scheduling: 'lifo' });
    const u = new URL(`${url}/chat/completions`);
    post = (i) =>
      new Promise((resolve, reject) => {
        const payload = JSON.stringify(body(i));
        const req = http.request({
          hostname: u.hostname,
          port: u.port,
          path: u.pathname,
          method: 'POST',
          agent,
          headers: [
            'Host',
            u.host,
            'Content-Type',
            'application/json',
            'Authorization',
            'Bearer k',
            'Content-Length',
            String(Buffer.byteLength(payload)),
          ],
        });
        req.on('error', reject);
        req.on('response', (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
        });
        req.end(payload);
      });
  } else {
    post = async (i) => {
      const r = await fetch(`${url}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer k' },
        body: JSON.stringify(body(i)),
      });
      return r.json();
    };
  }
  const round = async () => {
    let next = 0;
    const c0 = process.cpuUsage();
    await Promise.all(
      Array.from({ length: SLOTS }, async () => {
        while (next < N) await post(next++);
      }),
    );
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / N;
  };
  const cold = await round();
  const warm = await round();
  process.send({ cold, warm });
  process.exit(0);
}

const server = fork(fileURLToPath(new URL('./lib/fake-llm-process.mjs', import.meta.url)), [
  JSON.stringify({ latencyMs: 50, maxConcurrent: SLOTS, seed: 1 }),
]);
const url = await new Promise((resolve) => server.once('message', (m) => resolve(m.url)));
console.log(
  `machine: ${machine()}\n${N} chat requests cold, then ${N} warm, ${SLOTS} in flight; CPU of the client process per request`,
);
for (const client of ['node:http', 'fetch', 'tandem']) {
  const child = fork(self, [process.argv[2], String(N)], {
    env: { ...process.env, HTTP_POST_CLIENT: client, HTTP_POST_URL: url },
  });
  const r = await new Promise((resolve) => child.once('message', resolve));
  console.log(
    `  ${client.padEnd(10)} cold ${r.cold.toFixed(0).padStart(4)} µs, warm ${r.warm.toFixed(0).padStart(4)} µs`,
  );
}
server.disconnect();
