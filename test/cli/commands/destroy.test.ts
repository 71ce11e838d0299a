/**
 * `modelship destroy` after `modelship deploy`: with `--yes` the endpoint and what it was made of are gone from the
 * (fake) SageMaker; on a terminal it asks first, and an answer of no removes nothing and exits 1.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { cli, deployedChurn } from './support.js';

// The person at the terminal: what they answer to the CLI's yes/no question.
const prompt = vi.hoisted(() => ({ answer: false, questions: [] as string[] }));
vi.mock('@clack/prompts', () => ({
  confirm: async ({ message }: { message: string }) => {
    prompt.questions.push(message);
    return prompt.answer;
  },
  isCancel: () => false,
}));

beforeEach(() => {
  prompt.answer = false;
  prompt.questions.length = 0;
});

describe('modelship destroy', () => {
  it('--yes removes the endpoint, its config and model', async () => {
    const { cwd, sagemaker } = await deployedChurn();
    expect(sagemaker.resources()).toHaveLength(3);

    const run = await cli(['destroy', '--yes'], { cwd });

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/delete SageMaker endpoint churn: done/);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('Destroyed churn.');
    expect(sagemaker.resources()).toEqual([]);
    expect(prompt.questions).toEqual([]);
    expect((await cli(['status'], { cwd })).stdout).toContain('NotDeployed');
  });

  it('on a terminal it asks; an answer of no removes nothing and exits 1', async () => {
    const { cwd, sagemaker } = await deployedChurn();
    const before = sagemaker.resources();
    const made = sagemaker.log.length;

    const run = await cli(['destroy'], { cwd, tty: true });

    expect(prompt.questions).toEqual(['Destroy churn (sagemaker-realtime) and everything it made?']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Nothing removed.');
    expect(sagemaker.resources()).toEqual(before);
    expect(sagemaker.log).toHaveLength(made);
  });

  it('on a terminal, an answer of yes removes it', async () => {
    const { cwd, sagemaker } = await deployedChurn();
    prompt.answer = true;

    const run = await cli(['destroy'], { cwd, tty: true });

    expect(prompt.questions).toHaveLength(1);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Destroyed churn.');
    expect(sagemaker.resources()).toEqual([]);
  });

  it('with --no-color nobody is asked (no prompts without a live terminal): without --yes it is exit 2', async () => {
    const { cwd, sagemaker } = await deployedChurn();
    prompt.answer = true;

    const run = await cli(['destroy', '--no-color'], { cwd, tty: true });

    expect(prompt.questions).toEqual([]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Pass --yes to confirm');
    expect(sagemaker.resources()).toHaveLength(3);
  });
});
