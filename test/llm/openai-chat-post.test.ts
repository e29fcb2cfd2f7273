import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderError } from '../../src/llm/errors.js';
import { postChatCompletion } from '../../src/llm/openai-chat-post.js';

/** A server that answers every request with the same bytes, whatever they are. */
let server: net.Server;
let port = 0;
let reply = '';
beforeAll(async () => {
  server = net.createServer((s) => {
    s.on('data', () => s.end(reply));
    s.on('error', () => {});
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as net.AddressInfo).port;
});
afterAll(() => server.close());

const post = (baseURL: string, apiKey = 'k') =>
  postChatCompletion(
    { label: 'openai:m', baseURL, apiKey, timeoutMs: 5_000 },
    { model: 'm' },
    new AbortController().signal,
  ).catch((e: unknown) => e);

describe('postChatCompletion', () => {
  it('names an answer that is not readable HTTP as malformed, not as a connection failure', async () => {
    reply = 'SSH-2.0-OpenSSH_9.2\r\n\r\n';
    const e = await post(`http://127.0.0.1:${port}/v1`);
    expect(e).toBeInstanceOf(ProviderError);
    expect(e).toMatchObject({ failure: 'malformed' });
    expect((e as Error).message).toMatch(
      /unreadable answer from http:\/\/127\.0\.0\.1:\d+\/v1: not an HTTP\/1\.x status line/,
    );
  });

  it('refuses a base URL that is not one, and a key that would add headers, before sending anything', async () => {
    const bad = await post('localhost:8000/v1');
    expect(bad).toMatchObject({ failure: 'bad_request' });
    expect((bad as Error).message).toMatch(/the base URL must be http\(s\):\/\/, not localhost:/);
    const notUrl = await post('http://bad host/v1');
    expect(notUrl).toMatchObject({ failure: 'bad_request' });
    expect((notUrl as Error).message).toMatch(/the base URL "http:\/\/bad host\/v1" is not a URL/);
    const key = await post(`http://127.0.0.1:${port}/v1`, 'sk-1\r\nX-Evil: 1');
    expect(key).toMatchObject({ failure: 'auth' });
    expect((key as Error).message).toMatch(/line break or a non-ASCII character/);
  });

  it('reads an ordinary answer', async () => {
    const body = '{"choices":[]}';
    reply = `HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`;
    expect(await post(`http://127.0.0.1:${port}/v1`)).toEqual({ choices: [] });
  });
});
