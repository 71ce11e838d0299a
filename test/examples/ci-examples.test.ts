import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
// `yaml` is not a dependency of ours: it is in node_modules through tsup, typedoc and vite.
import { parse } from 'yaml';
import { configSchema } from '../../src/cli/config/schema/config.js';

// The CI examples are copied into users' repositories as they are: every `modelship` command they run must be one
// docs/cli.md documents, with options it documents, and the config they point at must exist.

interface CliContract {
  /** Documented commands, as words: `plan`, `registry promote`. */
  readonly commands: readonly string[];
  /** Options every command takes. */
  readonly global: ReadonlySet<string>;
  /** Options one command documents. */
  readonly byCommand: ReadonlyMap<string, ReadonlySet<string>>;
}

/** A `modelship` command line found in a CI file. */
interface Invocation {
  readonly line: string;
  readonly command: string | undefined;
  readonly options: readonly string[];
  /** The value of `--config`/`-c`, environment variables expanded. */
  readonly config: string | undefined;
}

const OPTION = /(?<![\w-])(--?[a-z][a-z-]*)/g;

/** The commands and options of docs/cli.md, read from its two tables. */
function readContract(markdown: string): CliContract {
  const section = (title: string) => markdown.split(`## ${title}`)[1]?.split('\n## ')[0] ?? '';
  const rows = (text: string) =>
    text
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .map((line) => line.split('|').map((cell) => cell.trim()));
  const global = new Set(rows(section('Global options')).flatMap(([, first]) => first?.match(OPTION) ?? []));
  const commands = section('Commands');
  const byCommand = new Map<string, Set<string>>();
  for (const [, first = '', what = ''] of rows(commands)) {
    const words: string[] = [];
    for (const word of first.replaceAll('`', '').split(/\s+/)) {
      if (/^[<[-]/.test(word)) break;
      words.push(word);
    }
    byCommand.set(words.join(' '), new Set(`${first} ${what}`.match(OPTION) ?? []));
  }
  // "The registry commands use the config's `registry`, or `--registry <…>`."
  const registryOption = /The registry commands use[^\n]*`(--registry)\b/.exec(commands)?.[1];
  for (const [command, options] of byCommand) {
    if (command.startsWith('registry ') && registryOption) options.add(registryOption);
  }
  return { commands: [...byCommand.keys()], global, byCommand };
}

/** Splits a shell line into words, dropping quotes, up to the first redirection or operator. */
function words(line: string): string[] {
  const result: string[] = [];
  for (const match of line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) {
    const word = match[1] ?? match[2] ?? match[3] ?? '';
    if (match[3] !== undefined && /^(>|>>|\|\||&&|\||;|2>)/.test(word)) break;
    result.push(word);
  }
  return result;
}

function expand(word: string, env: Readonly<Record<string, string>>): string {
  return word.replace(/\$\{?(\w+)\}?/g, (_, name: string) => env[name] ?? `$${name}`);
}

/** Every `modelship …` command in some shell text, with its command and options. */
function invocations(script: string, contract: CliContract, env: Readonly<Record<string, string>>): Invocation[] {
  const found: Invocation[] = [];
  for (const line of script.split('\n')) {
    for (const start of line.matchAll(/\bnpx modelship\b/g)) {
      const args = words(line.slice((start.index ?? 0) + start[0].length));
      const positional = args.filter((arg) => !arg.startsWith('-'));
      const command = contract.commands
        .filter((name) => name.split(' ').every((word, i) => positional[i] === word))
        .sort((a, b) => b.length - a.length)[0];
      const configAt = args.findIndex((arg) => arg === '--config' || arg === '-c');
      const config = configAt === -1 ? undefined : args[configAt + 1];
      found.push({
        line: line.trim(),
        command,
        options: args.filter((arg) => arg.startsWith('-')).map((arg) => arg.split('=')[0] ?? arg),
        config: config === undefined ? undefined : expand(config, env),
      });
    }
  }
  return found;
}

/** What is wrong with an invocation against the contract: an unknown command, or options it does not document. */
function problems(invocation: Invocation, contract: CliContract): string[] {
  if (invocation.command === undefined) return [`no documented command in: ${invocation.line}`];
  const allowed = contract.byCommand.get(invocation.command) ?? new Set();
  return invocation.options
    .filter((option) => !contract.global.has(option) && !allowed.has(option))
    .map((option) => `${option} is not documented for \`modelship ${invocation.command}\`: ${invocation.line}`);
}

const contract = readContract(await readFile('docs/cli.md', 'utf8'));

interface Step {
  readonly run?: string;
  readonly uses?: string;
  readonly if?: string;
  readonly id?: string;
  readonly with?: Record<string, unknown>;
}
interface Workflow {
  readonly env: Record<string, string>;
  readonly permissions: Record<string, string>;
  readonly jobs: Record<string, { steps: Step[]; environment?: string; needs?: string; if?: string }>;
}
interface Buildspec {
  readonly version: number;
  readonly env: { variables: Record<string, string> };
  readonly phases: Record<string, { commands: string[]; 'runtime-versions'?: Record<string, unknown> }>;
}

const workflow = parse(await readFile('examples/ci/github-actions.yml', 'utf8')) as Workflow;
const buildspec = parse(await readFile('examples/ci/buildspec.yml', 'utf8')) as Buildspec;
const workflowScript = Object.values(workflow.jobs)
  .flatMap((job) => job.steps.map((step) => step.run ?? ''))
  .join('\n');
const buildspecScript = Object.values(buildspec.phases)
  .flatMap((phase) => phase.commands)
  .join('\n');

describe('the contract read from docs/cli.md', () => {
  it('knows the documented commands and their options, and flags what it does not document', () => {
    expect(contract.commands).toEqual(expect.arrayContaining(['plan', 'deploy', 'rollback', 'registry promote']));
    expect([...contract.global]).toEqual(expect.arrayContaining(['-c', '--config', '--json', '-y', '--yes']));
    expect(contract.byCommand.get('deploy')).toContain('--timeout');
    expect(contract.byCommand.get('registry promote')).toEqual(new Set(['--from', '--to', '--registry']));

    const [bad] = invocations('npx modelship deploy --approve --json > out.json', contract, {});
    expect(bad && problems(bad, contract)).toEqual([
      '--approve is not documented for `modelship deploy`: npx modelship deploy --approve --json > out.json',
    ]);
    const [unknown] = invocations('npx modelship apply', contract, {});
    expect(unknown && problems(unknown, contract)).toEqual(['no documented command in: npx modelship apply']);
  });
});

describe.each([
  { file: 'examples/ci/github-actions.yml', script: workflowScript, env: workflow.env },
  { file: 'examples/ci/buildspec.yml', script: buildspecScript, env: buildspec.env.variables },
])('$file', ({ script, env }) => {
  const found = invocations(script, contract, env);

  it('plans, deploys with --json, rolls back and reads the status, all with documented commands and options', () => {
    expect(found.flatMap((invocation) => problems(invocation, contract))).toEqual([]);
    expect(new Set(found.map((invocation) => invocation.command))).toEqual(
      new Set(['plan', 'deploy', 'rollback', 'status']),
    );
    expect(found.find((invocation) => invocation.command === 'deploy')?.options).toContain('--json');
    expect(script).toContain('npm ci');
  });

  it('points every command at a config file that exists', () => {
    for (const invocation of found) {
      expect(invocation.config, invocation.line).toBeDefined();
      expect(existsSync(invocation.config ?? ''), `${invocation.config} (${invocation.line})`).toBe(true);
    }
  });

  it('rolls back only when deploy exits with 3 (applied, validation gate failed)', () => {
    expect(script).toMatch(/npx modelship deploy [^\n]*\|\| code=\$\?/);
  });
});

describe('examples/ci/github-actions.yml', () => {
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);

  it('assumes roles through OIDC, with no access keys in the file', () => {
    expect(workflow.permissions['id-token']).toBe('write');
    const credentials = steps.filter((step) => step.uses?.startsWith('aws-actions/configure-aws-credentials@'));
    expect(credentials).toHaveLength(2);
    for (const step of credentials) {
      expect(step.with?.['role-to-assume']).toMatch(/^arn:aws:iam::\d{12}:role\//);
      expect(step.with).not.toHaveProperty('aws-access-key-id');
    }
  });

  it('deploys only after the plan job, on main, behind the environment approval gate', () => {
    const deploy = workflow.jobs.deploy;
    expect(deploy?.needs).toBe('plan');
    expect(deploy?.environment).toBe('production');
    expect(deploy?.if).toContain("github.ref == 'refs/heads/main'");
  });

  it('fails the job on a non-zero deploy exit and runs the rollback step only for exit code 3', () => {
    const deployStep = steps.find((step) => step.id === 'deploy');
    expect(deployStep?.run).toContain('exit "$code"');
    const rollback = steps.find((step) => step.run?.includes('npx modelship rollback'));
    expect(rollback?.if).toBe(`failure() && steps.deploy.outputs.exit-code == '3'`);
  });
});

describe('examples/ci/buildspec.yml', () => {
  it('runs on Node 20 with the service role (no credentials in the file), and fails the build unless deploy exited 0', () => {
    expect(buildspec.version).toBe(0.2);
    expect(buildspec.phases.install?.['runtime-versions']).toEqual({ nodejs: 20 });
    expect(buildspecScript).not.toMatch(/AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|assume-role/);
    expect(buildspecScript).toMatch(/if \[ "\$code" -eq 3 \]; then\s+npx modelship rollback/);
    expect(buildspecScript).toContain('[ "$code" -eq 0 ]');
  });
});

describe('examples/ci/modelship.config.ts', () => {
  it('deploys a registry alias to a SageMaker real-time endpoint, with a validation gate whose files exist', async () => {
    const path = resolve('examples/ci/modelship.config.ts');
    const config = (await import(path)).default as {
      model: { registry: string };
      target: { type: string };
      registry: { s3: { bucket: string } };
      validate: { samples: string; expected: string };
    };
    expect(config.model.registry).toMatch(/^[\w-]+@[a-z][\w-]*$/);
    expect(config.target.type).toBe('sagemaker-realtime');
    expect(config.registry.s3.bucket).toBeTruthy();
    for (const file of [config.validate.samples, config.validate.expected]) {
      expect(existsSync(join(dirname(path), file)), file).toBe(true);
    }
    const samples = (await readFile(join(dirname(path), config.validate.samples), 'utf8')).trim().split('\n');
    const expected = JSON.parse(await readFile(join(dirname(path), config.validate.expected), 'utf8')) as unknown[];
    expect(expected).toHaveLength(samples.length);
  });

  it("passes the CLI's config schema, so `modelship plan` gets past loading it", async () => {
    const config = (await import(resolve('examples/ci/modelship.config.ts'))).default as unknown;
    const parsed = configSchema.safeParse(config);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    // And the check is real: a misspelt option is refused.
    const misspelt = {
      ...(config as Record<string, unknown>),
      target: { type: 'sagemaker-realtime', instanceTyp: 'x' },
    };
    expect(configSchema.safeParse(misspelt).success).toBe(false);
  });
});
