/**
 * `modelship/local`: the Local target alone, for tests and laptops.
 *
 * @packageDocumentation
 * @module modelship/local
 */
export * from './targets/local/index.js';
