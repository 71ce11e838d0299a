/**
 * `modelship/local`: the Local target alone, for tests and laptops.
 *
 * @packageDocumentation
 */
export * from './targets/local/index.js';
