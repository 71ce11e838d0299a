/**
 * The built `modelship` binary runs the registry commands as a user's shell would: a child process, no terminal,
 * its own environment. One round trip is enough here; the in-process tests cover the behaviour.
 */
import { expect, it } from 'vitest';
import { runBinary } from '../support/binary.js';
import { workspace, writeModel } from './support.js';

it('registers with the binary and lists the version as JSON for jq', async () => {
  const cwd = await workspace();
  await writeModel(cwd, 'model.onnx', 'a model');
  const registered = await runBinary(['registry', 'register', 'churn', 'model.onnx', '--registry', 'reg'], { cwd });
  expect(registered).toMatchObject({ code: 0, stdout: 'Registered churn@1 (7 B).\n', stderr: '' });
  const listed = await runBinary(['registry', 'list', 'churn', '--registry', 'reg', '--json'], { cwd });
  expect(listed.code).toBe(0);
  expect(JSON.parse(listed.stdout)).toMatchObject({ name: 'churn', versions: [{ version: '1', approval: 'pending' }] });
  const refused = await runBinary(['registry', 'delete', 'churn', '1', '--registry', 'reg'], { cwd });
  expect(refused.code).toBe(2);
});
