import type { FastifyInstance } from 'fastify';
import { badInput } from '../core/errors.js';

/**
 * The API's JSON body parser. Request bodies are untrusted: before `JSON.parse` sees one, a single
 * linear scan bounds how deeply it nests (a body of a few MB nesting millions of arrays deep kept
 * the parser and the prototype-poisoning scan busy for seconds) and refuses U+0000, which
 * PostgreSQL cannot store in text and SQLite would store, so both stores answer alike. Then Fastify's
 * own parser (secure-json-parse) refuses `__proto__` and `constructor.prototype` keys.
 */

/** Arrays and objects inside one another: an API body needs a handful, a chat a dozen. */
export const MAX_JSON_DEPTH = 64;

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** What is wrong with `text` before parsing it, or null. Linear time, no allocation. */
export function jsonBodyProblem(text: string, maxDepth = MAX_JSON_DEPTH): string | null {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return 'the body contains the character U+0000, which cannot be stored';
    if (inString) {
      if (c === BACKSLASH) {
        if (text.charCodeAt(i + 1) === 0x75 /* u */ && text.startsWith('0000', i + 2))
          return 'the body contains the character U+0000 (\\u0000), which cannot be stored';
        i++;
      } else if (c === QUOTE) inString = false;
      continue;
    }
    if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > maxDepth) return `the body nests arrays and objects deeper than ${maxDepth} levels`;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
  }
  return null;
}

/** Replace Fastify's JSON parser with the scan above in front of its safe parser. */
export function installJsonBodyParser(app: FastifyInstance): void {
  const safeParse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const problem = jsonBodyProblem(body as string);
    if (problem) return done(badInput(problem), undefined);
    safeParse(request, body as string, (error, value) => {
      if (error) return done(badInput(`the body is not valid JSON: ${error.message}`), undefined);
      done(null, value);
    });
  });
}
