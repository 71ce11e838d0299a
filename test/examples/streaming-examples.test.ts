import { describe, expect, it } from 'vitest';
import { main } from '../../examples/stream-tokens.js';

// The token-streaming example runs here as users run it: a handler model on Local, the real SageMaker Runtime
// client, TGI-style server-sent events decoded into tokens.
describe('stream-tokens example', () => {
  it('streams the answer, stops early, and reports a mid-answer failure with the tokens so far', async () => {
    let written = '';
    const lines: string[] = [];
    const result = await main({ write: (text) => (written += text), log: (line) => lines.push(line) });
    const answer = 'Streaming lets a user read the first words while the model is still writing the rest.';
    expect(result.answer).toBe(answer);
    expect(written).toBe(`${answer}\n`);
    expect(result.firstTokens).toEqual(['Streaming', ' lets', ' a']);
    expect(result.partial).toEqual(['Streaming', ' lets', ' a', ' user']);
    expect(lines[0]).toBe('stopped after: "Streaming lets a"');
    expect(lines[1]).toMatch(/^interrupted \(MODEL_ERROR, StreamBroken\) after "Streaming lets a user"$/);
    expect(lines[2]).toMatch(/^ {2}\d+ bytes received; retryable: false$/);
  });
});
