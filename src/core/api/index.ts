/**
 * The HTTP API's request and response shapes, declared once. The server's route table declares its
 * responses with them (which makes the OpenAPI document's response schemas, and makes `tsc` check
 * each handler's result against them); the web app imports them as types only. Pure: zod and
 * `src/core` only.
 */
export * from './datasets.js';
export * from './errors.js';
export * from './lineage.js';
export * from './quality.js';
export * from './queue.js';
export * from './records.js';
export * from './releases.js';
export * from './review.js';
export * from './stored.js';
export * from './users.js';
