import { expect, it } from 'vitest';
import { main } from '../../examples/async-inference.js';

// The async example runs as users run it: a Local async endpoint, a loopback S3 server, AsyncPredictor.
it('examples/async-inference.ts submits, waits and reports a model failure', async () => {
  const lines: string[] = [];
  const result = await main((line) => lines.push(line));
  expect(result.output).toEqual({ words: 4 });
  expect(result.failure).toMatch(/empty document/);
  expect(lines[0]).toMatch(/^queued doc-1: output will be at s3:\/\/results\/out\//);
});
