import { describe, expect, it } from 'vitest';
import { renderPlan } from '../../../src/cli/render/plan.js';
import { renderTable } from '../../../src/cli/render/table.js';
import { formatPlan } from '../../../src/deploy/format.js';
import type { Plan } from '../../../src/deploy/plan.js';
import { InvalidArgumentError } from '../../../src/errors.js';
import { ESCAPE } from './events.js';

const COLUMNS = [
  { key: 'version', title: 'VERSION' },
  { key: 'aliases', title: 'ALIASES' },
  { key: 'registered', title: 'REGISTERED' },
];

describe('renderTable', () => {
  it('aligns columns under their headings, two spaces apart, without trailing spaces', () => {
    const text = renderTable(
      [
        { version: '12', aliases: 'production, staging', registered: '2026-11-20' },
        { version: '3', registered: '2026-10-01' },
      ],
      COLUMNS,
      { color: false },
    );
    expect(text).toBe(
      [
        'VERSION  ALIASES              REGISTERED',
        '12       production, staging  2026-11-20',
        '3                             2026-10-01',
      ].join('\n'),
    );
  });

  it('dims the heading only when colour is on, keeping the alignment', () => {
    const rows = [{ version: '1', aliases: 'a', registered: 'b' }];
    const coloured = renderTable(rows, COLUMNS, { color: true });
    expect(coloured.split('\n')[0]).toBe('\u001b[2mVERSION  ALIASES  REGISTERED\u001b[22m');
    expect(coloured.split('\n')[1]).toBe('1        a        b');
    expect(renderTable(rows, COLUMNS, { color: false })).not.toMatch(ESCAPE);
  });

  it('refuses no columns, or two with one key, with a typed error', () => {
    expect(() => renderTable([], [], { color: false })).toThrow(InvalidArgumentError);
    expect(() => renderTable([], [COLUMNS[0]!, COLUMNS[0]!], { color: false })).toThrow(/its own key/);
  });
});

const PLAN: Plan = {
  name: 'churn',
  target: 'sagemaker-realtime',
  steps: [
    {
      id: 'artifact',
      action: 'none',
      resource: { kind: 'S3 object', name: 's3://m/churn.tar.gz' },
      reason: 'uploaded',
    },
    { id: 'config', action: 'create', resource: { kind: 'SageMaker endpoint config', name: 'churn-2' }, reason: 'new' },
    { id: 'endpoint', action: 'update', resource: { kind: 'SageMaker endpoint', name: 'churn' }, reason: 'new config' },
    { id: 'old', action: 'delete', resource: { kind: 'SageMaker endpoint config', name: 'churn-1' }, reason: 'unused' },
  ],
};

describe('renderPlan', () => {
  it('is exactly formatPlan’s text without colour', () => {
    expect(renderPlan(PLAN, { color: false })).toBe(formatPlan(PLAN));
  });

  it('colours each step’s line by its action and changes nothing else', () => {
    const lines = renderPlan(PLAN, { color: true }).split('\n');
    const plain = formatPlan(PLAN).split('\n');
    const at = (name: string) => plain.findIndex((line) => line.includes(name) && line.startsWith('  '));
    expect(lines[at('s3://m/churn.tar.gz')]).toBe(`\u001b[2m${plain[at('s3://m/churn.tar.gz')]}\u001b[22m`);
    expect(lines[at('churn-2')]).toBe(`\u001b[32m${plain[at('churn-2')]}\u001b[39m`);
    expect(lines[at('new config')]).toBe(`\u001b[33m${plain[at('new config')]}\u001b[39m`);
    expect(lines[at('churn-1')]).toBe(`\u001b[31m${plain[at('churn-1')]}\u001b[39m`);
    const untouched = plain.filter((line) => !line.startsWith('  '));
    for (const line of untouched) expect(lines).toContain(line);
    expect(lines).toHaveLength(plain.length);
  });
});
