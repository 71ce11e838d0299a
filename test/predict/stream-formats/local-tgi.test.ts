/**
 * End to end: a handler model on the Local target streams as TGI does, and the decoders read it through the real
 * SageMaker Runtime client (`deployment.predictor().predictStream`): events and characters cut across payload
 * parts, a model that fails mid-answer, and a reader that leaves early hanging up the HTTP connection.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Deployment, Local, Model } from '../../../src/index.js';
import { DecodedStreamInterruptedError, type Predictor, StreamInterruptedError } from '../../../src/predict/index.js';
import { collect, rejection } from './support.js';

interface Request {
  readonly inputs: string;
  readonly failAfter?: number;
  readonly errorAfter?: number;
  readonly done?: boolean;
  readonly keepOpen?: boolean;
  readonly split?: boolean;
  readonly delayMs?: number;
}
interface Recorded {
  readonly inputs: string;
  readonly hungUp: boolean;
  readonly sent: number;
}

const handler = fileURLToPath(new URL('./fixtures/tgi-handler.mjs', import.meta.url));
const PROMPT = 'Ahoy wörld, ship it 🚢';
const TOKENS = ['Ahoy', ' wörld,', ' ship', ' it', ' 🚢'];

let deployment: Deployment;
let llm: Predictor<Request, unknown>;
// The module the Local server loaded (same URL, same instance), to see what the model saw.
let requests: Recorded[];

beforeAll(async () => {
  deployment = await Model.fromHandler(handler).deployTo(Local()).withName('tgi').deploy();
  llm = deployment.predictor<Request, unknown>();
  ({ requests } = (await import(pathToFileURL(handler).href)) as { requests: Recorded[] });
});
afterAll(async () => {
  await deployment?.destroy();
});

/** The record of the request whose prompt is `inputs`. */
const seen = (inputs: string) => requests.findLast((r) => r.inputs === inputs);

describe('TGI-style token streaming on Local, through the SageMaker Runtime client', () => {
  it('reads the tokens, whole or with every event cut into 3-byte payload parts', async () => {
    expect(await collect(llm.predictStream({ inputs: PROMPT }).tokens('tgi'))).toEqual(TOKENS);
    const split = await collect(llm.predictStream({ inputs: PROMPT, split: true }).tokens('tgi'));
    expect(split).toEqual(TOKENS);
    const events = await collect(llm.predictStream({ inputs: 'one two' }).serverSentEvents());
    expect(events.map((e) => JSON.parse(e.data).token.text)).toEqual(['one', ' two', '</s>']);
    expect(JSON.parse(events.at(-1)!.data).generated_text).toBe('one two');
  });

  it('hangs up the connection when the reader breaks out of the loop', async () => {
    const inputs = 'break after the first token of many';
    for await (const token of llm.predictStream({ inputs, delayMs: 20, keepOpen: true }).tokens('tgi')) {
      expect(token).toBe('break');
      break;
    }
    await vi.waitFor(() => expect(seen(inputs)?.hungUp).toBe(true));
    expect(seen(inputs)!.sent).toBeLessThan(7);
  });

  it('hangs up at data: [DONE] even when the server would keep the stream open', async () => {
    const inputs = 'done then keep-alives';
    expect(await collect(llm.predictStream({ inputs, done: true, keepOpen: true }).tokens('tgi'))).toEqual([
      'done',
      ' then',
      ' keep-alives',
    ]);
    await vi.waitFor(() => expect(seen(inputs)?.hungUp).toBe(true));
  });

  it('reports a model that fails after N tokens with the tokens and bytes received', async () => {
    const error = await rejection(
      collect(llm.predictStream({ inputs: PROMPT, failAfter: 3, split: true }).tokens('tgi')),
    );
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect(error).toBeInstanceOf(DecodedStreamInterruptedError);
    const broke = error as DecodedStreamInterruptedError<string>;
    expect(broke).toMatchObject({ code: 'MODEL_ERROR', streamErrorCode: 'StreamBroken', retryable: false });
    expect(broke.message).toMatch(/the GPU fell over/);
    expect(broke.decoded).toEqual(TOKENS.slice(0, 3));
    const received = new TextDecoder().decode(broke.received);
    expect(received.match(/^data:/gm)).toHaveLength(3);
  });

  it('reports an error event TGI sends in the stream with the tokens before it', async () => {
    const error = await rejection(collect(llm.predictStream({ inputs: PROMPT, errorAfter: 2 }).tokens('tgi')));
    expect(error).toBeInstanceOf(DecodedStreamInterruptedError);
    expect(error).toMatchObject({ code: 'MODEL_ERROR', decoded: TOKENS.slice(0, 2) });
    expect((error as Error).message).toMatch(/CUDA out of memory/);
  });
});
