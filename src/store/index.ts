export * from './connect.js';
export * from './context.js';
export * from './datasets.js';
export * from './dialect.js';
export * from './events.js';
export * from './records.js';
export * from './responses.js';
export * from './users.js';
