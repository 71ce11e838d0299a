/**
 * The shapes of a deployment's CloudWatch logs: where they are (named by the target), what to read, and one event.
 * Declared here, with the reader, and re-exported by the `Target` contract that names them.
 */

/**
 * Where a deployment's logs are in CloudWatch Logs.
 *
 * @example
 * ```ts
 * // In a target of your own:
 * const logSource = (spec: DeploymentSpec): LogSource => ({ logGroupName: `/aws/lambda/${spec.name}` });
 * ```
 */
export interface LogSource {
  /** The log group, e.g. `/aws/sagemaker/Endpoints/churn` or `/aws/lambda/churn`. */
  readonly logGroupName: string;
  /** Only the streams whose names start with this (a variant's streams), when given. */
  readonly logStreamNamePrefix?: string;
}

/**
 * What `deployment.logs()` reads.
 *
 * @example
 * ```ts
 * for await (const event of deployment.logs({ since: new Date(Date.now() - 3_600_000), filterPattern: 'ERROR' })) {
 *   console.log(event.timestamp.toISOString(), event.message);
 * }
 * ```
 */
export interface LogsQuery {
  /** The earliest events to read. @default ten minutes ago */
  readonly since?: Date;
  /** The latest events to read. Not allowed with `follow`, which has no end. @default now */
  readonly until?: Date;
  /**
   * Keeps reading new events as they arrive (like `tail -f`) until `signal` aborts or the loop breaks.
   * @default false
   */
  readonly follow?: boolean;
  /** A CloudWatch Logs filter pattern, e.g. `ERROR` or `"modelship: the model"`; at most 1024 characters. */
  readonly filterPattern?: string;
  /** How often `follow` asks for new events, in milliseconds, from 100 to 3600000. @default 2000 */
  readonly pollMs?: number;
  /** Ends the reading (a `follow` too) when it aborts: the iteration just ends, without an error. */
  readonly signal?: AbortSignal;
}

/**
 * One log event of a deployment.
 *
 * @example
 * ```ts
 * for await (const event of deployment.logs({ follow: true, signal: AbortSignal.timeout(60_000) })) {
 *   process.stdout.write(`[${event.stream}] ${event.message}`);
 * }
 * ```
 */
export interface LogEvent {
  /** When it was logged. */
  readonly timestamp: Date;
  /** The event's text, as logged (a trailing newline included, when the program wrote one). */
  readonly message: string;
  /** The log stream it came from (an instance's or an execution environment's). */
  readonly stream: string;
  /** CloudWatch's id of the event, unique within the log group. */
  readonly id: string;
}
