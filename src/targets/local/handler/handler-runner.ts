/**
 * Runs a JavaScript handler module (see {@link LocalHandler}) as a {@link ModelRunner}: imports it once, calls its
 * `load()` once, decodes each request for it and encodes what it returns.
 */
import { pathToFileURL } from 'node:url';
import { InvalidArgumentError, ModelError } from '../../../errors.js';
import type { ModelRunner, RunnerRequest, RunnerResponse } from '../runner.js';
import { decodeInput, encodeChunk, encodeOutput } from './codec.js';
import type { HandlerContext, LocalHandler } from './types.js';

/**
 * Imports the handler at `path` (absolute) and runs its `load()`.
 * @throws {@link InvalidArgumentError} when the module cannot be imported or exports no `predict` function.
 * @throws {@link ModelError} when its `load()` throws.
 */
export async function createHandlerRunner(path: string): Promise<ModelRunner> {
  const handler = await importHandler(path);
  let state: unknown;
  try {
    state = await handler.load?.();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ModelError(`The load() of handler ${path} failed: ${reason}`, {
      cause: error,
      originalStatusCode: 500,
      originalMessage: reason,
    });
  }
  return new HandlerRunner(path, handler, state);
}

async function importHandler(path: string): Promise<LocalHandler> {
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (error) {
    throw new InvalidArgumentError(
      'model',
      `The handler ${path} could not be imported: ${(error as Error).message}. Model.fromHandler needs a JavaScript ` +
        'module (.js, .mjs or .cjs) that exports predict(input, context).',
      { cause: error },
    );
  }
  for (const candidate of [module, module.default]) {
    if (
      typeof candidate === 'object' &&
      candidate !== null &&
      typeof (candidate as LocalHandler).predict === 'function'
    ) {
      return candidate as LocalHandler;
    }
  }
  const names = Object.keys(module).sort().join(', ') || 'nothing';
  throw new InvalidArgumentError(
    'model',
    `The handler ${path} exports no predict function (it exports ${names}). Export predict(input, context), ` +
      'and optionally load() and predictStream(input, context).',
  );
}

/** The model's failure as the caller sees it: the error's `statusCode` (400–599) or 500, and its message. */
function toModelError(path: string, error: unknown): ModelError {
  if ((error as { code?: unknown } | null)?.code === 'MODEL_ERROR') return error as ModelError;
  const failure = error as { statusCode?: unknown; status?: unknown; message?: unknown } | null;
  const status = [failure?.statusCode, failure?.status].find(
    (value): value is number => Number.isInteger(value) && (value as number) >= 400 && (value as number) <= 599,
  );
  const message = typeof failure?.message === 'string' ? failure.message : String(error);
  return new ModelError(`The handler ${path} failed: ${message}`, {
    cause: error,
    originalStatusCode: status ?? 500,
    originalMessage: message,
  });
}

class HandlerRunner implements ModelRunner {
  readonly description: string;
  readonly invokeStream: ((request: RunnerRequest) => AsyncIterable<Uint8Array>) | undefined;
  #closed: Promise<void> | undefined;

  constructor(
    readonly path: string,
    readonly handler: LocalHandler,
    readonly state: unknown,
  ) {
    this.description = `handler ${path}`;
    this.invokeStream = handler.predictStream ? (request) => this.#stream(request) : undefined;
  }

  async invoke(request: RunnerRequest): Promise<RunnerResponse> {
    const input = decodeInput(request.body, request.contentType);
    let customAttributes: string | undefined;
    const context = this.#context(request, (value) => {
      customAttributes = value;
    });
    let output: unknown;
    try {
      output = await this.handler.predict(input, context);
    } catch (error) {
      throw toModelError(this.path, error);
    }
    return { ...encodeOutput(output, request.accept), customAttributes };
  }

  /** The stream, carrying the content type of its first chunk and any custom attributes the handler set. */
  #stream(request: RunnerRequest): AsyncIterable<Uint8Array> & { contentType?: string; customAttributes?: string } {
    const metadata: { contentType?: string; customAttributes?: string } = {};
    const { handler, path } = this;
    const context = this.#context(request, (value) => {
      metadata.customAttributes = value;
    });
    async function* generate(): AsyncGenerator<Uint8Array> {
      const input = decodeInput(request.body, request.contentType);
      try {
        const source = handler.predictStream!(input, context);
        if (typeof source?.[Symbol.asyncIterator] !== 'function') {
          throw new TypeError('predictStream must return an async iterable (write it as async function*).');
        }
        for await (const chunk of source) {
          const encoded = encodeChunk(chunk, request.accept);
          metadata.contentType ??= encoded.contentType;
          yield encoded.body;
        }
      } catch (error) {
        throw toModelError(path, error);
      }
    }
    const iterator = generate();
    return Object.assign(metadata, { [Symbol.asyncIterator]: () => iterator });
  }

  #context(request: RunnerRequest, setCustomAttributes: (value: string) => void): HandlerContext {
    return {
      contentType: request.contentType,
      accept: request.accept,
      customAttributes: request.customAttributes,
      signal: request.signal,
      state: this.state,
      setCustomAttributes(value: string) {
        if (typeof value !== 'string') throw new TypeError('setCustomAttributes takes a string.');
        setCustomAttributes(value);
      },
    };
  }

  close(): Promise<void> {
    this.#closed ??= Promise.resolve().then(() => this.handler.close?.(this.state));
    return this.#closed;
  }
}
