import { afterAll, beforeAll } from 'vitest';
import {
  createFakeLlmServer,
  type FakeLlmServer,
  type FakeServerOptions,
  type RunningFakeServer,
} from './fake-llm-server.js';

export interface FakeLlm {
  /** The fake: its options, its recorded requests and faults. Set once the file's tests start. */
  readonly fake: FakeLlmServer;
  readonly server: RunningFakeServer;
}

/**
 * A fake LLM server for the tests of a file (or of the describe block that calls this): started
 * before them, with OPENAI_BASE_URL and OPENAI_API_KEY (and, with `anthropic`, ANTHROPIC_BASE_URL
 * and ANTHROPIC_API_KEY) pointing at it; stopped after them, with the environment as it was.
 */
export function setUpFakeLlm(
  options: FakeServerOptions = {},
  o: { anthropic?: boolean; key?: string } = {},
): FakeLlm {
  const env = { ...process.env };
  const state = {} as { fake: FakeLlmServer; server: RunningFakeServer };
  beforeAll(async () => {
    state.fake = createFakeLlmServer(options);
    state.server = await state.fake.start();
    process.env.OPENAI_BASE_URL = state.server.url;
    process.env.OPENAI_API_KEY = o.key ?? 'test-key';
    if (o.anthropic) {
      process.env.ANTHROPIC_BASE_URL = state.server.origin;
      process.env.ANTHROPIC_API_KEY = 'test-key';
    }
  });
  afterAll(async () => {
    await state.server?.close();
    process.env = env;
  });
  return state;
}
