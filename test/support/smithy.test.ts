import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { IAMClient } from '@aws-sdk/client-iam';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { STSClient } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import type { Shape, SmithyModel } from './smithy/ast.js';
import { loadServiceModel, modelsDir, type ServiceModel } from './smithy/models.js';
import { rewriteJavaSyntax, smithyPattern } from './smithy/patterns.js';
import { operationOf } from './smithy/sdk-call.js';
import { validateOperationInput } from './smithy/validate.js';

const region = { region: 'us-east-1' };

describe('models', () => {
  it.each([
    SageMakerClient,
    SageMakerRuntimeClient,
    S3Client,
    LambdaClient,
    CloudWatchClient,
    ApplicationAutoScalingClient,
    IAMClient,
    STSClient,
  ])('has a model for the serviceId of %O', (Client) => {
    const serviceId = new Client(region).config.serviceId;
    expect(loadServiceModel(serviceId).sdkId).toBe(serviceId);
  });

  it('parses a model once and then serves it from the cache', () => {
    const first = loadServiceModel('SageMaker');
    const started = performance.now();
    expect(loadServiceModel('SageMaker')).toBe(first);
    expect(performance.now() - started).toBeLessThan(5);
    expect(first.operations.get('CreateEndpoint')).toBe('com.amazonaws.sagemaker#CreateEndpoint');
  });

  it('compiles every pattern of every model to a JavaScript RegExp', () => {
    const dir = modelsDir();
    const failed: string[] = [];
    let count = 0;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const model = JSON.parse(readFileSync(join(dir, file), 'utf8')) as SmithyModel;
      for (const shape of Object.values(model.shapes)) {
        const members = [shape, ...Object.values(shape.members ?? {})];
        for (const { traits } of members) {
          const pattern = traits?.['smithy.api#pattern'];
          if (typeof pattern !== 'string') continue;
          count++;
          if (!smithyPattern(pattern)) failed.push(`${file}: ${pattern}`);
        }
      }
    }
    expect(count).toBeGreaterThan(300);
    expect(failed).toEqual([]);
  });
});

describe('patterns', () => {
  it.each([
    ['^\\p{Print}+$', '^[\\x20-\\x7E]+$'],
    ['^\\A\\S[\\p{Print}]*\\z$', '^^\\S[\\x20-\\x7E]*$$'],
    ['^[\\w-_]*$', '^[\\w\\-_]*$'],
    ['^[a-zA-Z0-9\\ \\_\\.]+$', '^[a-zA-Z0-9 _\\.]+$'],
    ['^[a-z]+\\-[0-9a-z\\-]+$', '^[a-z]+-[0-9a-z\\-]+$'],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a regex quantifier on `$`, not a template placeholder
    ['^([\\p{L}\\p{Z}]*)${1,128}$', '^([\\p{L}\\p{Z}]*)$$'],
    ['^arn:[\\p{Alnum}\\-]+:', '^arn:[A-Za-z0-9\\-]+:'],
  ])('rewrites the Java-only pattern %s as %s', (java, ecma) => {
    expect(rewriteJavaSyntax(java)).toBe(ecma);
  });

  it('keeps Unicode property classes working (u flag)', () => {
    const tagValue = smithyPattern('^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$')!;
    expect(tagValue.test('Äpfel 1.2 @team')).toBe(true);
    expect(tagValue.test('a;b')).toBe(false);
  });

  it('matches anywhere in the value, as Smithy specifies (no implicit anchors)', () => {
    expect(smithyPattern('[0-9]')!.test('abc1def')).toBe(true);
  });
});

describe('operationOf', () => {
  it('reads the operation from the command schema or, failing that, the class name', () => {
    class DescribeThingsCommand {}
    expect(operationOf(new DescribeThingsCommand())).toBe('DescribeThings');
    expect(operationOf({ schema: [9, 'com.example', 'Frob', 0, {}, {}] })).toBe('Frob');
    expect(operationOf({})).toBeUndefined();
  });
});

// A small model of our own, for the shape kinds the AWS models here use rarely or not at all in inputs.
const NS = 'example#';
const shapes: Record<string, Shape> = {
  [`${NS}Op`]: { type: 'operation', input: { target: `${NS}Input` } },
  [`${NS}Input`]: {
    type: 'structure',
    members: {
      Choice: { target: `${NS}Choice` },
      Level: { target: `${NS}Level` },
      Color: { target: `${NS}LegacyColor` },
      Sparse: { target: `${NS}SparseList` },
      Dense: { target: `${NS}DenseList` },
      Unique: { target: `${NS}UniqueList` },
      Doc: { target: 'smithy.api#Document' },
      Short: { target: `${NS}Name`, traits: { 'smithy.api#length': { max: 3 } } },
      Size: { target: 'smithy.api#Long' },
      Flag: { target: 'smithy.api#Boolean' },
      Events: { target: `${NS}EventStream` },
      Nested: { target: `${NS}Input` },
      Retry: { target: 'smithy.api#Integer', traits: { 'smithy.api#required': {}, 'smithy.api#default': 3 } },
    },
  },
  [`${NS}Choice`]: {
    type: 'union',
    members: { Text: { target: 'smithy.api#String' }, Count: { target: 'smithy.api#Integer' } },
  },
  [`${NS}Level`]: {
    type: 'intEnum',
    members: {
      LOW: { target: 'smithy.api#Unit', traits: { 'smithy.api#enumValue': 1 } },
      HIGH: { target: 'smithy.api#Unit', traits: { 'smithy.api#enumValue': 2 } },
    },
  },
  [`${NS}LegacyColor`]: {
    type: 'string',
    traits: { 'smithy.api#enum': [{ value: 'red', name: 'RED' }, { value: 'blue' }] },
  },
  [`${NS}SparseList`]: {
    type: 'list',
    member: { target: 'smithy.api#String' },
    traits: { 'smithy.api#sparse': {} },
  },
  [`${NS}DenseList`]: { type: 'list', member: { target: 'smithy.api#String' } },
  [`${NS}UniqueList`]: {
    type: 'list',
    member: { target: 'smithy.api#String' },
    traits: { 'smithy.api#uniqueItems': {} },
  },
  [`${NS}Name`]: { type: 'string', traits: { 'smithy.api#length': { min: 1, max: 10 } } },
  [`${NS}EventStream`]: {
    type: 'union',
    traits: { 'smithy.api#streaming': {} },
    members: { Chunk: { target: `${NS}Input` } },
  },
};
const synthetic: ServiceModel = {
  sdkId: 'Example',
  file: 'example.json',
  operations: new Map([['Op', `${NS}Op`]]),
  shape: (id) => shapes[id] ?? (loadServiceModel('STS').shape(id) as Shape | undefined),
};

function check(input: Record<string, unknown>): string[] {
  return validateOperationInput(synthetic, 'Op', input).map((v) => `${v.path}: ${v.message}`);
}

describe('validateOperationInput on every kind of shape', () => {
  it('accepts a valid input, with a required member left to its default', () => {
    const events = (async function* () {})();
    const valid = {
      Choice: { Count: 2 },
      Level: 2,
      Color: 'red',
      Sparse: ['a', null],
      Dense: ['a'],
      Unique: ['a', 'b'],
      Doc: { any: ['json', 1, null, { deep: true }] },
      Short: 'abc',
      Size: 2 ** 40,
      Flag: false,
      Events: events,
    };
    expect(check(valid)).toEqual([]);
  });

  it('requires exactly one member of a union', () => {
    expect(check({ Choice: {} })).toEqual([
      'Choice: union Choice must have exactly one member set, got 0; members: Text, Count',
    ]);
    expect(check({ Choice: { Text: 'a', Count: 1 } })).toEqual([
      'Choice: union Choice must have exactly one member set, got 2 (Text, Count); members: Text, Count',
    ]);
    expect(check({ Choice: { Txt: 'a' } })[1]).toMatch(/^Choice\.Txt: unknown member: Choice has no member "Txt"/);
  });

  it('checks intEnum values and the legacy enum trait', () => {
    expect(check({ Level: 3, Color: 'green' })).toEqual([
      'Level: number 3 is not an allowed value of Level; allowed: 1, 2',
      'Color: string "green" is not an allowed value of LegacyColor; allowed: red, blue',
    ]);
  });

  it('rejects null items in a list that is not sparse, and duplicates where items must be unique', () => {
    expect(check({ Dense: ['a', null], Unique: ['a', 'a'] })).toEqual([
      'Dense[1]: DenseList is not sparse, so items cannot be null',
      'Unique: items of UniqueList must be unique',
    ]);
  });

  it("lets a member's trait replace its target's (Smithy: the member's trait takes precedence)", () => {
    expect(check({ Short: 'abcd' })).toEqual(['Short: has 4 characters; allowed at most 3 characters']);
  });

  it('checks the JavaScript type of numbers, booleans, documents and event streams', () => {
    expect(check({ Size: 2 ** 60, Flag: 'true', Doc: { f: () => 1 }, Events: [{ Chunk: {} }] })).toEqual([
      'Doc: expected document (any JSON value), got object { f }',
      `Size: expected long, got number ${2 ** 60} (outside the long range ${Number.MIN_SAFE_INTEGER}..${Number.MAX_SAFE_INTEGER})`,
      'Flag: expected boolean, got string "true"',
      'Events: expected union EventStream, got array (1 item) (an event stream is an async iterable)',
    ]);
  });

  it('tolerates exactly the unmodelled members the allow-list names, at the level it names', () => {
    const tolerated = { paths: new Set(['Nested.Newer']), topLevel: new Set(['Borrowed']) };
    const input = { Borrowed: 1, Nested: { Newer: 'x', Borrowed: 1 }, Newer: 'x' };
    const paths = validateOperationInput(synthetic, 'Op', input, tolerated).map((v) => v.path);
    expect(paths).toEqual(['Nested.Borrowed', 'Newer']);
  });

  it('rejects a root input that is not an object', () => {
    expect(check('x' as never)).toEqual(['(input): expected structure Input, got string "x"']);
  });
});
