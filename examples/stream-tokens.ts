/**
 * Stream an LLM's answer token by token, offline: a handler model on the Local target streams as Hugging Face TGI
 * does (server-sent events of `{"token": {"text"}}`), and the predictor reads it through the real SageMaker Runtime
 * client with `predictStream(…).tokens('tgi')`. Then: stopping early (the connection is closed), and a model that
 * fails mid-answer (the tokens received so far come with the error).
 *
 *   npx tsx examples/stream-tokens.ts
 *
 * Against a real TGI endpoint only the predictor changes:
 * `new Predictor({ endpointName: 'my-llm' }).predictStream({ inputs, parameters, stream: true }).tokens('tgi')`.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DecodedStreamInterruptedError, Local, Model } from '../src/index.js';

/** A stand-in for an LLM container: answers with a fixed text, one TGI event per word, 5 ms apart. */
const HANDLER = `
const ANSWER = 'Streaming lets a user read the first words while the model is still writing the rest.';
const sleep = (ms, signal) => new Promise((resolve, reject) => {
  const timer = setTimeout(resolve, ms);
  signal.addEventListener('abort', () => { clearTimeout(timer); reject(signal.reason); });
});
export function predict() {
  return [{ generated_text: ANSWER }];
}
export async function* predictStream(input, context) {
  const words = ANSWER.match(/\\s*\\S+/g).slice(0, input.parameters?.max_new_tokens);
  for (const [id, text] of words.entries()) {
    if (id === input.fail_after) throw new Error('CUDA out of memory');
    await sleep(5, context.signal);
    yield 'data:' + JSON.stringify({ token: { id, text, logprob: -0.5, special: false }, generated_text: null }) + '\\n\\n';
  }
  const last = { token: { id: words.length, text: '</s>', special: true }, generated_text: words.join('') };
  yield 'data:' + JSON.stringify(last) + '\\n\\n';
}
`;

/** The TGI request body; `fail_after` is this example's way to make the stand-in model fail. */
interface TgiRequest {
  readonly inputs: string;
  readonly parameters?: { readonly max_new_tokens?: number };
  readonly stream: true;
  readonly fail_after?: number;
}

/** What {@link main} read, for its test. */
export interface StreamTokensResult {
  /** The whole answer, token by token. */
  readonly answer: string;
  /** The tokens read before stopping early. */
  readonly firstTokens: readonly string[];
  /** The tokens a failing model sent before it broke off. */
  readonly partial: readonly string[];
}

export async function main(
  options: { readonly write?: (text: string) => void; readonly log?: (line: string) => void } = {},
): Promise<StreamTokensResult> {
  const write = options.write ?? ((text: string) => process.stdout.write(text));
  const log = options.log ?? console.log;
  const dir = await mkdtemp(join(tmpdir(), 'modelship-stream-tokens-'));
  const handlerPath = join(dir, 'tgi-handler.mjs');
  await writeFile(handlerPath, HANDLER);
  const deployment = await Model.fromHandler(handlerPath).deployTo(Local()).withName('llm').deploy();
  try {
    const llm = deployment.predictor<TgiRequest>();
    const prompt = 'Why stream?';

    // 1. The whole answer, printed as it arrives. Special tokens (`</s>`) are left out.
    let answer = '';
    for await (const token of llm.predictStream({ inputs: prompt, stream: true }).tokens('tgi')) {
      write(token);
      answer += token;
    }
    write('\n');

    // 2. Stop after three tokens: leaving the loop closes the HTTP connection, so the model stops generating.
    const firstTokens: string[] = [];
    for await (const token of llm.predictStream({ inputs: prompt, stream: true }).tokens('tgi')) {
      firstTokens.push(token);
      if (firstTokens.length === 3) break;
    }
    log(`stopped after: ${JSON.stringify(firstTokens.join(''))}`);

    // 3. A model that fails after four tokens: the error says why and carries what arrived.
    let partial: readonly string[] = [];
    try {
      for await (const _ of llm.predictStream({ inputs: prompt, stream: true, fail_after: 4 }).tokens('tgi')) {
        // a real UI would show each token here
      }
    } catch (error) {
      if (!(error instanceof DecodedStreamInterruptedError)) throw error;
      partial = error.decoded as readonly string[];
      log(`interrupted (${error.code}, ${error.streamErrorCode}) after ${JSON.stringify(partial.join(''))}`);
      log(`  ${error.received.byteLength} bytes received; retryable: ${error.retryable}`);
    }
    return { answer, firstTokens, partial };
  } finally {
    await deployment.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
