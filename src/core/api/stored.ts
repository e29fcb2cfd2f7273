import { z } from 'zod';

/**
 * A value the server checked when it came in (an answer, a suggestion, a final value) and hands on
 * as it read it from the store, without checking it again on the way out. The server's side of the
 * shape (`z.input`, what a route's handler must return) is `unknown`; the client's side (`z.output`,
 * what the web app reads, and the OpenAPI response schema) is the shape it was checked against.
 */
export const stored = <T extends z.core.$ZodType>(shape: T) => z.unknown().pipe(shape);

/** A text column holding one of a few values (a status): a string to the server, the enum to clients. */
export const storedText = <T extends z.core.$ZodType<string, string>>(shape: T) => z.string().pipe(shape);
