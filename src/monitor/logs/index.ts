/**
 * A deployment's CloudWatch logs: where they are (`LogSource`, named by each target), what to read (`LogsQuery`)
 * and the reader behind `deployment.logs()`.
 */
export { readLogs } from './read-logs.js';
export type { LogEvent, LogSource, LogsQuery } from './types.js';
