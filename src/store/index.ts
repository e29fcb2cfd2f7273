export * from './connect.js';
export type { OpenStore, Store } from './store.js';
