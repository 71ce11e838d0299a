import {
  InvokeEndpointCommand,
  InvokeEndpointWithResponseStreamCommand,
  type ResponseStream,
} from '@aws-sdk/client-sagemaker-runtime';
import { describe, expect, it } from 'vitest';
import { AbortedError, InvalidArgumentError, PayloadTooLargeError } from '../../src/errors.js';
import { Predictor, StreamInterruptedError, type Transport } from '../../src/predict/index.js';
import { awsError, mockRuntime, recordingClock } from './support/mock-runtime.js';

const endpoint = { endpointName: 'llm', region: 'eu-west-1' } as const;
const part = (text: string): ResponseStream => ({ PayloadPart: { Bytes: new TextEncoder().encode(text) } });

/** A response stream that records whether the reader closed it. */
function events(list: readonly ResponseStream[], options: { hang?: boolean } = {}) {
  const state = { closed: false };
  async function* body() {
    try {
      for (const event of list) yield event;
      if (options.hang) await new Promise(() => {});
    } finally {
      state.closed = true;
    }
  }
  return { state, output: { Body: body() } };
}

describe('Predictor.predictStream', () => {
  it('yields payload parts in order and sends the request only when reading starts', async () => {
    const runtime = mockRuntime();
    const { output } = events([part('Hel'), part('lo')]);
    runtime.on(InvokeEndpointWithResponseStreamCommand).resolves(output);
    const stream = new Predictor(endpoint).predictStream({ inputs: 'hi' }, { inferenceId: 'abc' });
    expect(runtime.calls()).toHaveLength(0);
    const text: string[] = [];
    for await (const piece of stream.text()) text.push(piece);
    expect(text).toEqual(['Hel', 'lo']);
    expect(runtime.commandCalls(InvokeEndpointWithResponseStreamCommand)[0]!.args[0].input).toMatchObject({
      EndpointName: 'llm',
      Accept: 'application/json',
      InferenceId: 'abc',
    });
    expect(() => stream[Symbol.asyncIterator]()).toThrow(/read once/);
  });

  it('closes the response stream when the reader breaks out', async () => {
    const { state, output } = events([part('a'), part('b'), part('c')], { hang: true });
    mockRuntime().on(InvokeEndpointWithResponseStreamCommand).resolves(output);
    for await (const chunk of new Predictor(endpoint).predictStream({})) {
      expect(new TextDecoder().decode(chunk)).toBe('a');
      break;
    }
    expect(state.closed).toBe(true);
  });

  it('retries a failure before the first chunk, never after', async () => {
    const runtime = mockRuntime();
    runtime
      .on(InvokeEndpointWithResponseStreamCommand)
      .rejectsOnce(awsError('ThrottlingException', 'slow down', 400))
      .resolves(events([part('ok')]).output);
    const predictor = new Predictor({ ...endpoint, clock: recordingClock().clock });
    await expect(predictor.predictStream({}).bytes()).resolves.toEqual(new TextEncoder().encode('ok'));
    expect(runtime.calls()).toHaveLength(2);
  });

  it('turns an InternalStreamFailure event into a retryable StreamInterruptedError with what arrived', async () => {
    const runtime = mockRuntime();
    runtime
      .on(InvokeEndpointWithResponseStreamCommand)
      .resolves(
        events([part('par'), part('tial'), { InternalStreamFailure: { Message: 'boom' } } as ResponseStream]).output,
      );
    const error = await new Predictor(endpoint)
      .predictStream({})
      .bytes()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect(error).toMatchObject({ code: 'SERVICE_ERROR', retryable: true, streamErrorCode: 'InternalStreamFailure' });
    expect(new TextDecoder().decode((error as StreamInterruptedError).received)).toBe('partial');
    expect(runtime.calls()).toHaveLength(1);
  });

  it('stops at once when aborted mid-stream, even if the transport ignores the abort', async () => {
    const { output } = events([part('a')], { hang: true });
    mockRuntime().on(InvokeEndpointWithResponseStreamCommand).resolves(output);
    const controller = new AbortController();
    const seen: string[] = [];
    const reading = (async () => {
      for await (const chunk of new Predictor(endpoint).predictStream({}, { signal: controller.signal })) {
        seen.push(new TextDecoder().decode(chunk));
        setTimeout(() => controller.abort(), 5);
      }
    })();
    await expect(reading).rejects.toThrow(AbortedError);
    expect(seen).toEqual(['a']);
  });

  it('checks before sending, and says when streaming is not possible', async () => {
    const runtime = mockRuntime();
    const predictor = new Predictor({ ...endpoint, maxRequestBytes: 10 });
    await expect(predictor.predictStream('x'.repeat(20)).bytes()).rejects.toThrow(PayloadTooLargeError);
    await expect(new Predictor(endpoint).predictStream({}, { targetModel: 'm.tar.gz' }).bytes()).rejects.toThrow(
      /multi-model/,
    );
    const noStreams: Transport = {
      description: 'Lambda function f',
      maxRequestBytes: 1e6,
      invoke: async () => ({}) as never,
    };
    await expect(new Predictor({ transport: noStreams }).predictStream({}).bytes()).rejects.toThrow(
      InvalidArgumentError,
    );
    expect(runtime.commandCalls(InvokeEndpointCommand)).toHaveLength(0);
    expect(runtime.calls()).toHaveLength(0);
  });
});
