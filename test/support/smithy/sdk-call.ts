/**
 * Reads what a captured `client.send(command)` call was: which service (sdkId) and which operation.
 */

/** The service and operation of one SDK call; `undefined` fields could not be determined. */
export interface CallTarget {
  readonly sdkId: string | undefined;
  readonly operation: string | undefined;
  readonly input: unknown;
}

interface CommandLike {
  readonly input?: unknown;
  // Since @smithy/core's schema-based commands: [9 (operation), namespace, operationName, traits, input, output].
  readonly schema?: unknown;
}

/**
 * The operation name of an SDK v3 command: from its operation schema when it has one, else from its class name
 * (`CreateEndpointCommand` → `CreateEndpoint`).
 */
export function operationOf(command: unknown): string | undefined {
  if (typeof command !== 'object' || command === null) return undefined;
  const schema = (command as CommandLike).schema;
  if (Array.isArray(schema) && schema[0] === 9 && typeof schema[2] === 'string') return schema[2];
  const name = command.constructor?.name;
  return name?.endsWith('Command') && name.length > 'Command'.length ? name.slice(0, -'Command'.length) : undefined;
}

/**
 * The sdkId of the service an SDK v3 client calls: its resolved `config.serviceId` (e.g. `SageMaker Runtime`),
 * which the SDK takes from the same model's `aws.api#service` trait.
 */
export function sdkIdOf(client: unknown): string | undefined {
  if (typeof client !== 'object' || client === null) return undefined;
  const config = (client as { config?: { serviceId?: unknown } }).config;
  return typeof config?.serviceId === 'string' ? config.serviceId : undefined;
}

/** What the call `client.send(command)` targets. */
export function callTarget(client: unknown, command: unknown): CallTarget {
  return {
    sdkId: sdkIdOf(client),
    operation: operationOf(command),
    input: typeof command === 'object' && command !== null ? (command as CommandLike).input : undefined,
  };
}
