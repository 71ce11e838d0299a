import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { Predictor } from '../../predict/predictor.js';
import { text } from '../../predict/serde/bytes.js';
import { json } from '../../predict/serde/json.js';
import { isLoopback } from '../../targets/local/options.js';
import { type CommandContext, writeJson } from '../context.js';
import { usageError } from '../fail.js';
import type { Bind } from '../program.js';
import { loadDeployment } from './load.js';

const JSON_TYPE = 'application/json';

/** `modelship predict`: one request to the deployed model (or any SageMaker-Runtime-compatible URL). */
export function predictCommand(bind: Bind): Command {
  const command = new Command('predict')
    .argument('[data]', 'the request body (JSON by default); - reads stdin')
    .option('-f, --file <path>', 'read the request body from a file')
    .option('--content-type <type>', 'the request’s content type', JSON_TYPE)
    .option('--accept <type>', 'the response content type to ask for', JSON_TYPE)
    .option(
      '--url <url>',
      'call this SageMaker-Runtime-compatible server (e.g. modelship local) instead of the config’s deployment',
    )
    .option('--endpoint <name>', 'the endpoint name to call at --url');
  return bind(command, async (ctx, args, options) => {
    const body = await requestBody(args[0], options.file as string | undefined, ctx);
    const contentType = String(options.contentType);
    const accept = String(options.accept);
    const isJson = contentType.split(';')[0]?.trim() === JSON_TYPE;
    let input: unknown = body;
    if (isJson) {
      try {
        input = JSON.parse(body);
      } catch (error) {
        throw usageError(
          `The request is not JSON (${(error as Error).message}). Pass JSON, or --content-type for other formats.`,
        );
      }
    }
    const codec = {
      serializer: isJson ? json({ contentType, accept }) : text({ contentType, accept }),
      deserializer: text({ contentType, accept }),
    };
    const predictor = await openPredictor(ctx, options, codec);
    const answer = await predictor.predict(input, { signal: ctx.signal });
    print(ctx, answer);
    return undefined;
  });
}

type Codecs = Pick<ConstructorParameters<typeof Predictor<unknown, string>>[0], 'serializer' | 'deserializer'>;

async function openPredictor(
  ctx: CommandContext,
  options: Readonly<Record<string, unknown>>,
  codecs: Codecs,
): Promise<Predictor<unknown, string>> {
  const url = options.url as string | undefined;
  const endpoint = options.endpoint as string | undefined;
  if (url === undefined) {
    if (endpoint !== undefined)
      throw usageError('--endpoint goes with --url; without --url the config’s deployment is called.');
    const { builder } = await loadDeployment(ctx);
    const deployment = await builder.attach({ signal: ctx.signal });
    return deployment.predictor<unknown, string>(codecs);
  }
  if (endpoint === undefined) throw usageError('--url needs --endpoint <name>: the endpoint name the server serves.');
  if (!/^https?:\/\//.test(url)) throw usageError(`--url must be an http:// or https:// URL, not "${url}".`);
  return new Predictor<unknown, string>({
    ...codecs,
    endpointName: endpoint,
    clientConfig: {
      endpoint: url,
      region: ctx.globals.region ?? 'us-east-1',
      // A modelship local server ignores signatures: keep the SDK from searching for credentials it does not need.
      ...(isLoopbackUrl(url) ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    },
  });
}

/** The URL's host is this machine (`[::1]` is how URLs write the IPv6 one). */
function isLoopbackUrl(url: string): boolean {
  return isLoopback(new URL(url).hostname.replace(/^\[(.*)\]$/, '$1'));
}

async function requestBody(data: string | undefined, file: string | undefined, ctx: CommandContext): Promise<string> {
  if (data !== undefined && file !== undefined)
    throw usageError('Give the request as an argument or with --file, not both.');
  if (file !== undefined) return readFile(resolve(ctx.cwd, file), 'utf8');
  if (data === '-') return readStdin();
  if (data === undefined)
    throw usageError("Give the request: modelship predict '[[5.1, 3.5, 1.4, 0.2]]', --file <path>, or - for stdin.");
  return data;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString('utf8');
}

/** JSON answers are printed as JSON (one document with `--json`); anything else as it came. */
function print(ctx: CommandContext, answer: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer);
  } catch {
    if (ctx.io.json) writeJson(ctx.io, { body: answer });
    else ctx.io.stdout.write(answer.endsWith('\n') ? answer : `${answer}\n`);
    return;
  }
  if (ctx.io.json) writeJson(ctx.io, parsed);
  else ctx.io.stdout.write(`${JSON.stringify(parsed)}\n`);
}
