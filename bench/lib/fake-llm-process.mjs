// The fake LLM server in a process of its own, so a benchmark measures the runner, not the server
// competing with it for the same event loop. Talks over IPC: {options} in, {url} and {stats} out.
// The fake is test support, not product: `npm run bench` compiles it into dist-test/ (tsconfig.bench.json).
import { createFakeLlmServer } from '../../dist-test/test/helpers/fake-llm/fake-llm-server.js';

const fake = createFakeLlmServer(JSON.parse(process.argv[2] ?? '{}'));
const server = await fake.start();
process.send({ url: server.url });
// Every message gets an answer, so the parent can await each one.
process.on('message', (m) => {
  if (m.options) fake.options = m.options;
  if (m.reset) fake.reset();
  process.send({ stats: fake.stats });
});
process.on('disconnect', () => server.close().then(() => process.exit(0)));
