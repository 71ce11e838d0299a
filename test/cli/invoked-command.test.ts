/** Which command a command line runs: the CLI loads only that command's module, so a wrong answer breaks the run. */
import { describe, expect, it } from 'vitest';
import { invokedCommand } from '../../src/cli/commands/index.js';

describe('invokedCommand', () => {
  it.each([
    [['deploy'], 'deploy'],
    [['--json', 'plan'], 'plan'],
    [['-c', 'deploy.json', 'status', '--since', '1h'], 'status'],
    [['--config', 'plan', 'deploy'], 'deploy'],
    [['--set', 'name=x', '--profile', 'ci', '--region', 'eu-west-1', 'destroy', '--yes'], 'destroy'],
    [['--set=name=x', 'logs'], 'logs'],
    [['help', 'deploy'], 'deploy'],
    [['registry', 'promote', 'churn'], 'registry'],
    [['--help'], undefined],
    [[], undefined],
    [['--', 'deploy'], undefined],
  ])('%j runs %s', (argv, expected) => {
    expect(invokedCommand(argv)).toBe(expected);
  });
});
