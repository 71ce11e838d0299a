// The function's handler apart from its package: what it answers to each kind of event, failure and timeout, with
// stand-in runners. (function-parity.test.ts runs the real thing against the Local target.)
import { describe, expect, it } from 'vitest';
import { ModelError } from '../../../../src/errors.js';
import type { HttpResult } from '../../../../src/targets/lambda/runtime/http-event.js';
import {
  decodeBody,
  decodeInvokeRequest,
  decodeInvokeResponse,
  encodeBody,
  encodeInvokeRequest,
  InvokeProtocolError,
} from '../../../../src/targets/lambda/runtime/protocol.js';
import { createFunctionHandler, type LoadedModel } from '../../../../src/targets/lambda/runtime/serve.js';
import type { ModelRunner } from '../../../../src/targets/local/runner.js';
import { functionUrlEvent } from './support.js';

const utf8 = new TextEncoder();

function runner(invoke: ModelRunner['invoke']): LoadedModel {
  return { ok: true, runner: { description: 'test model', invoke, close: async () => {} } };
}

const echo = runner(async (request) => ({
  body: request.body,
  contentType: request.contentType,
  customAttributes: `accept=${request.accept}`,
}));

function httpEvent(method: string, extra: Record<string, unknown> = {}): unknown {
  return { version: '2.0', headers: {}, requestContext: { http: { method, path: '/' } }, ...extra };
}

describe('the Invoke envelope', () => {
  it('round-trips text as text and bytes as base64', () => {
    expect(encodeBody(utf8.encode('{"a":"é"}'), 'application/json')).toEqual({
      body: '{"a":"é"}',
      isBase64Encoded: false,
    });
    expect(encodeBody(new Uint8Array([0xff, 0xfe]), 'text/csv')).toEqual({ body: '//4=', isBase64Encoded: true });
    expect(encodeBody(utf8.encode('abc'), 'application/octet-stream').isBase64Encoded).toBe(true);
    const request = { body: new Uint8Array([1, 2, 3]), contentType: 'application/x-npy', accept: 'application/json' };
    expect(decodeInvokeRequest(JSON.parse(JSON.stringify(encodeInvokeRequest(request))))).toEqual(request);
    expect(decodeBody(null, true)).toEqual(new Uint8Array(0));
  });

  it('takes a request typed by hand, and refuses another protocol version', () => {
    expect(decodeInvokeRequest({ body: '[1]' })).toEqual({
      body: utf8.encode('[1]'),
      contentType: 'application/octet-stream',
    });
    expect(() => decodeInvokeRequest({ modelship: 2, body: '' })).toThrow(InvokeProtocolError);
    expect(() => decodeInvokeResponse({ errorMessage: 'boom' })).toThrow(/statusCode/);
  });
});

describe('createFunctionHandler', () => {
  it('answers an Invoke envelope with an envelope, defaulting accept to any type', async () => {
    const handle = createFunctionHandler(echo);
    const result = await handle({ body: '[1,2]', contentType: 'application/json' });
    expect(result).toEqual({
      modelship: 1,
      statusCode: 200,
      body: '[1,2]',
      isBase64Encoded: false,
      contentType: 'application/json',
      customAttributes: 'accept=*/*',
    });
  });

  it('answers a Function URL event in HTTP shape, with headers of any case', async () => {
    const handle = createFunctionHandler(echo);
    const event = functionUrlEvent(new Uint8Array([0, 1, 2]), {
      'Content-Type': 'application/x-npy',
      Accept: 'application/x-npy',
    });
    const result = (await handle(event)) as HttpResult;
    expect(result.statusCode).toBe(200);
    expect(result.headers).toEqual({
      'content-type': 'application/x-npy',
      'x-amzn-sagemaker-custom-attributes': 'accept=application/x-npy',
    });
    expect(decodeBody(result.body, result.isBase64Encoded)).toEqual(new Uint8Array([0, 1, 2]));
  });

  it('answers GET as a health check and refuses other methods', async () => {
    const handle = createFunctionHandler(echo);
    expect(await handle(httpEvent('GET'))).toMatchObject({ statusCode: 200, body: '{"status":"Healthy"}' });
    const put = (await handle(httpEvent('PUT'))) as HttpResult;
    expect(put).toMatchObject({
      statusCode: 405,
      headers: { allow: 'GET, HEAD, POST', 'x-amzn-errortype': 'ValidationError' },
    });
  });

  it('refuses an event it does not know, and a bad envelope', async () => {
    const handle = createFunctionHandler(echo);
    expect(await handle({ Records: [] })).toMatchObject({ statusCode: 400, error: { type: 'ValidationError' } });
    expect(await handle({ modelship: 9, body: '' })).toMatchObject({
      statusCode: 400,
      error: { message: /version 9/ },
    });
    expect(await handle({ body: '', customAttributes: 'é' })).toMatchObject({ statusCode: 400 });
  });

  it("keeps a model error's status and message, and reports crashes as 500", async () => {
    const refusing = createFunctionHandler(
      runner(async () => {
        throw new ModelError('wrapped', { originalStatusCode: 422, originalMessage: 'bad tenure' });
      }),
    );
    expect(await refusing({ body: '' })).toEqual({
      modelship: 1,
      statusCode: 422,
      error: { type: 'ModelError', message: 'wrapped', originalStatusCode: 422, originalMessage: 'bad tenure' },
    });
    const http = (await refusing(httpEvent('POST', { body: '' }))) as HttpResult;
    expect(http.statusCode).toBe(422);
    expect(JSON.parse(http.body)).toMatchObject({ type: 'ModelError', originalMessage: 'bad tenure' });
    const crashing = createFunctionHandler(
      runner(async () => {
        throw new TypeError('x is undefined');
      }),
    );
    expect(await crashing({ body: '' })).toMatchObject({
      statusCode: 500,
      error: { originalMessage: 'x is undefined' },
    });
  });

  it('answers every request with the load failure when the model did not load', async () => {
    const handle = createFunctionHandler({ ok: false, error: new Error('no such file model/iris.onnx') });
    expect(await handle({ body: '' })).toMatchObject({
      statusCode: 500,
      error: { type: 'ModelNotReady', message: /no such file model\/iris\.onnx/ },
    });
    expect(await handle(httpEvent('GET'))).toMatchObject({ statusCode: 500 });
  });

  it("answers 504 before the function's timeout when the model hangs, ignoring its signal", async () => {
    const handle = createFunctionHandler(runner(() => new Promise(() => {})));
    const result = await handle({ body: '' }, { getRemainingTimeInMillis: () => 300 });
    expect(result).toMatchObject({ statusCode: 504, error: { type: 'ModelTimeout' } });
  });

  it('reports a content type the model made that is not header text', async () => {
    const handle = createFunctionHandler(runner(async () => ({ body: new Uint8Array(0), contentType: 'a\nb' })));
    expect(await handle({ body: '' })).toMatchObject({ statusCode: 500, error: { type: 'ModelError' } });
  });
});
