// The handler runner on its own: how a handler module is loaded, what it is handed, and how its answers go back.
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, ModelError } from '../../../src/errors.js';
import { createHandlerRunner } from '../../../src/targets/local/handler/handler-runner.js';
import type { RunnerRequest } from '../../../src/targets/local/runner.js';
import { fixture, rejection, text, utf8 } from './support.js';

function request(body: string | Uint8Array, contentType = 'application/json', accept = '*/*'): RunnerRequest {
  return {
    body: typeof body === 'string' ? utf8.encode(body) : body,
    contentType,
    accept,
    signal: new AbortController().signal,
  };
}

describe('loading a handler', () => {
  it('calls load() once and hands its result to every call as context.state', async () => {
    const runner = await createHandlerRunner(fixture('model.mjs'));
    const first = JSON.parse(text.decode((await runner.invoke(request('{}'))).body));
    const second = JSON.parse(text.decode((await runner.invoke(request('{}'))).body));
    expect(first.state).toEqual(second.state);
    expect(first.state).toEqual({ loadedAt: expect.any(Number) });
    expect(runner.description).toBe(`handler ${fixture('model.mjs')}`);
  });

  it('accepts a CommonJS module whose exports are its default export', async () => {
    const runner = await createHandlerRunner(fixture('default-export.cjs'));
    const out = await runner.invoke(request('[1, 2]'));
    expect(JSON.parse(text.decode(out.body))).toEqual({ doubled: [2, 4] });
  });

  it('refuses a module without predict, naming what it exports', async () => {
    const error = await rejection(createHandlerRunner(fixture('no-predict.mjs')));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toMatch(/exports no predict function \(it exports load, predictor\)/);
  });

  it('refuses a module that cannot be imported', async () => {
    const error = await rejection(createHandlerRunner(fixture('missing.mjs')));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toMatch(/could not be imported/);
  });

  it('reports a failing load() as a ModelError with its message', async () => {
    const error = await rejection(createHandlerRunner(fixture('load-fails.mjs')));
    expect(error).toBeInstanceOf(ModelError);
    expect(error.message).toMatch(/load\(\) of handler .* failed: weights.bin is missing/);
  });

  it('calls the handler’s close(state) once, however often it is closed', async () => {
    const runner = await createHandlerRunner(fixture('model.mjs'));
    const module = (await import(fixture('model.mjs'))) as { closed: unknown[] };
    const before = module.closed.length;
    await Promise.all([runner.close(), runner.close()]);
    await runner.close();
    expect(module.closed.length).toBe(before + 1);
  });
});

describe('inputs and outputs', () => {
  it('decodes by Content-Type: JSON, JSON Lines, text and bytes', async () => {
    const runner = await createHandlerRunner(fixture('model.mjs'));
    const echo = async (body: string | Uint8Array, contentType: string) =>
      JSON.parse(text.decode((await runner.invoke(request(body, contentType))).body)).input;
    expect(await echo('{"a":[1,2]}', 'application/json; charset=utf-8')).toEqual({ a: [1, 2] });
    expect(await echo('{"a":1}\n\n{"a":2}\n', 'application/jsonlines')).toEqual([{ a: 1 }, { a: 2 }]);
    expect(await echo('1,2\n3,4', 'text/csv')).toBe('1,2\n3,4');
    expect(await echo(new Uint8Array([1, 2, 3]), 'application/x-npy')).toEqual({ byteLength: 3, first: [1, 2, 3] });
  });

  it('answers a line of JSON Lines that does not parse with a 400 ModelError naming the line', async () => {
    const runner = await createHandlerRunner(fixture('model.mjs'));
    const error = (await rejection(
      runner.invoke(request('{"a":1}\n{oops', 'application/jsonlines')),
    )) as unknown as ModelError;
    expect(error.originalStatusCode).toBe(400);
    expect(error.message).toMatch(/Line 2/);
  });

  it('encodes structured results as JSON, typed arrays as arrays, and as JSON Lines when asked', async () => {
    const runner = await createHandlerRunner(fixture('typed.mjs'));
    const out = await runner.invoke(request('[1]'));
    expect(out.contentType).toBe('application/json');
    expect(JSON.parse(text.decode(out.body))).toEqual({ scores: [0.5, 0.25], ids: [1, 2], count: 3 });
    const lines = await runner.invoke(request('[1, 2]', 'application/json', 'application/jsonlines'));
    expect(lines.contentType).toBe('application/jsonlines');
    expect(text.decode(lines.body)).toBe('{"row":1}\n{"row":2}\n');
  });

  it('refuses to answer a structured result to a caller that accepts neither JSON nor JSON Lines (406)', async () => {
    const runner = await createHandlerRunner(fixture('model.mjs'));
    const error = (await rejection(
      runner.invoke(request('{}', 'application/json', 'text/csv')),
    )) as unknown as ModelError;
    expect(error).toBeInstanceOf(ModelError);
    expect(error.originalStatusCode).toBe(406);
    expect(error.message).toMatch(/accepts text\/csv/);
  });

  it('sends strings and bytes as they are, typed as the caller asked', async () => {
    const runner = await createHandlerRunner(fixture('model.mjs'));
    const csv = await runner.invoke(request('{"op":"text","text":"1,2\\n"}', 'application/json', 'text/csv'));
    expect(csv.contentType).toBe('text/csv');
    expect(text.decode(csv.body)).toBe('1,2\n');
    const plain = await runner.invoke(request('{"op":"text","text":"hi"}'));
    expect(plain.contentType).toBe('text/plain; charset=utf-8');
  });

  it('keeps the status a handler sets on its error, and 500 otherwise', async () => {
    const runner = await createHandlerRunner(fixture('model.mjs'));
    const teapot = (await rejection(
      runner.invoke(request('{"op":"fail","statusCode":418,"message":"short and stout"}')),
    )) as unknown as ModelError;
    expect(teapot.originalStatusCode).toBe(418);
    expect(teapot.originalMessage).toBe('short and stout');
    const odd = (await rejection(runner.invoke(request('{"op":"fail","statusCode":200}')))) as unknown as ModelError;
    expect(odd.originalStatusCode).toBe(500);
  });
});
