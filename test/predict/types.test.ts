/** Type-level behaviour of the public predictor API: what users get inferred, and what does not compile. */
import type { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { describe, expectTypeOf, it } from 'vitest';
import {
  bytes,
  type CsvCell,
  type CsvRow,
  csv,
  json,
  jsonLines,
  type NpyArray,
  type NpyInput,
  npy,
  type PredictionStream,
  Predictor,
  type Transport,
  text,
} from '../../src/predict/index.js';

const endpointName = 'churn';
const transport: Transport = { description: 't', maxRequestBytes: 1, invoke: async () => ({}) as never };

describe('Predictor types', () => {
  it('infers input and output types from the serializer and deserializer', () => {
    expectTypeOf(new Predictor({ endpointName, serializer: csv(), deserializer: csv() })).toEqualTypeOf<
      Predictor<CsvRow, CsvCell[]>
    >();
    expectTypeOf(new Predictor({ endpointName, serializer: npy(), deserializer: npy() })).toEqualTypeOf<
      Predictor<NpyInput, NpyArray>
    >();
    expectTypeOf(new Predictor({ transport, serializer: text(), deserializer: bytes() })).toEqualTypeOf<
      Predictor<string, Uint8Array>
    >();
    expectTypeOf(new Predictor({ endpointName })).toEqualTypeOf<Predictor<unknown, unknown>>();
  });

  it('lets explicit types drive generic codecs', () => {
    interface Row {
      tenure: number;
    }
    const p = new Predictor<Row[], number[]>({ endpointName, serializer: json(), deserializer: jsonLines() });
    expectTypeOf(p.predict).parameter(0).toEqualTypeOf<Row[]>();
    // Types only: calling them would send requests (and reject later, outside the test, with no region here).
    expectTypeOf<ReturnType<typeof p.predict>>().resolves.toEqualTypeOf<number[]>();
    expectTypeOf(p.predictMany).parameter(0).toEqualTypeOf<readonly Row[][]>();
    expectTypeOf<ReturnType<typeof p.predictMany>>().resolves.toEqualTypeOf<number[][]>();
    expectTypeOf<ReturnType<typeof p.predictStream>>().toEqualTypeOf<PredictionStream>();
  });

  it('rejects mismatched codecs and conflicting targets at compile time', () => {
    // @ts-expect-error csv() writes rows, not strings
    new Predictor<string, unknown>({ endpointName, serializer: csv() });
    // @ts-expect-error a transport or an endpoint, not both
    new Predictor({ endpointName, transport });
    // @ts-expect-error region belongs to a client the predictor makes, not one passed in
    new Predictor({ endpointName, client: {} as SageMakerRuntimeClient, region: 'eu-west-1' });
  });
});
