import { describe, expect, it } from 'vitest';
import { ModelError } from '../../../../src/errors.js';
import { requestFormat, responseFormat } from '../../../../src/targets/local/onnx/formats.js';

describe('requestFormat', () => {
  it('reads the media type, ignoring case and parameters', () => {
    expect(requestFormat('application/json; charset=utf-8')).toBe('json');
    expect(requestFormat('Text/CSV')).toBe('csv');
    expect(requestFormat('application/x-npy')).toBe('npy');
  });

  it('refuses other types with a 415 ModelError', () => {
    const error = (() => {
      try {
        requestFormat('application/x-protobuf');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).originalStatusCode).toBe(415);
  });
});

describe('responseFormat', () => {
  it('answers in the request format for wildcards and an empty Accept', () => {
    expect(responseFormat('*/*', 'csv')).toEqual({ format: 'csv', output: undefined });
    expect(responseFormat('', 'npy').format).toBe('npy');
    expect(responseFormat('application/*', 'csv').format).toBe('json');
    expect(responseFormat('text/*', 'json').format).toBe('csv');
  });

  it('follows the order and q-values of Accept, skipping what it cannot write', () => {
    expect(responseFormat('image/png, text/csv', 'json').format).toBe('csv');
    expect(responseFormat('application/json;q=0.5, application/x-npy', 'json').format).toBe('npy');
    expect(responseFormat('text/csv;q=0, application/json', 'csv').format).toBe('json');
  });

  it('reads the output parameter', () => {
    expect(responseFormat('text/csv; output="label"', 'json')).toEqual({ format: 'csv', output: 'label' });
  });

  it('refuses an Accept with nothing it can write with a 406 ModelError', () => {
    expect(() => responseFormat('image/png, application/xml', 'json')).toThrow(/names no format/);
  });
});
