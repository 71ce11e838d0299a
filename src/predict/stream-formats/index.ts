/**
 * Decoders for streamed responses in the formats LLM containers send: UTF-8 text, JSON lines, server-sent events,
 * and the tokens inside them. Each takes a `PredictionStream` (or any async iterable of bytes) and is itself an
 * async iterable; leaving its loop early closes the stream underneath.
 *
 * @packageDocumentation
 */
export { StreamFormatError, type StreamItemKind } from './format-error.js';
export { DecodedStreamInterruptedError } from './interrupted.js';
export { jsonLineValues } from './json-lines.js';
export { textLines } from './lines.js';
export { type ServerSentEvent, type ServerSentEventsOptions, serverSentEvents } from './server-sent-events.js';
export { type StreamSource, textChunks } from './text-chunks.js';
export type { TokenFormat, TokenFormatName } from './token-formats.js';
export { tokens } from './tokens.js';
