import { describe, expect, it } from 'vitest';
import { buildTags, MAX_TAGS, tagsToRecord } from '../../src/aws/tags.js';
import { VERSION } from '../../src/aws/version.js';
import { InvalidArgumentError } from '../../src/errors.js';
import { validateAwsInput } from '../support/aws-contract.js';

describe('buildTags', () => {
  it("lists the user's tags, then modelship's own", () => {
    const tags = buildTags({ team: 'ml', 'cost center': '42' }, { deployment: 'churn', target: 'sagemaker-realtime' });
    expect(tags).toEqual([
      { Key: 'team', Value: 'ml' },
      { Key: 'cost center', Value: '42' },
      { Key: 'modelship:deployment', Value: 'churn' },
      { Key: 'modelship:target', Value: 'sagemaker-realtime' },
      { Key: 'modelship:version', Value: VERSION },
    ]);
    expect(buildTags()).toEqual([{ Key: 'modelship:version', Value: VERSION }]);
    expect(buildTags({}, { modelVersion: '3' })).toContainEqual({ Key: 'modelship:model-version', Value: '3' });
  });

  it('makes tags SageMaker accepts', () => {
    const tags = buildTags({ équipe: 'données', path: 'a/b=c+d@e:f_g.h-i', empty: '' }, { deployment: 'churn' });
    const input = { EndpointName: 'churn', EndpointConfigName: 'churn-config', Tags: tags };
    expect(validateAwsInput('SageMaker', 'CreateEndpoint', input)).toEqual([]);
    expect(tagsToRecord(tags)).toMatchObject({ équipe: 'données', 'modelship:deployment': 'churn' });
  });

  it.each([
    [{ 'modelship:deployment': 'x' }, 'tags.modelship:deployment', 'reserved for modelship'],
    [{ 'aws:cloudformation:stack': 'x' }, 'tags.aws:cloudformation:stack', 'reserved by AWS'],
    [{ ['k'.repeat(129)]: 'x' }, `tags.${'k'.repeat(129)}`, 'AWS allows 1 to 128'],
    [{ '': 'x' }, 'tags.', 'AWS allows 1 to 128'],
    [{ team: 'v'.repeat(257) }, 'tags.team', 'at most 256'],
    [{ 'team#1': 'x' }, 'tags.team#1', 'character AWS does not allow'],
    [{ team: 'a;b' }, 'tags.team', 'character AWS does not allow'],
    [{ team: 3 as unknown as string }, 'tags.team', 'must be a string'],
  ])('rejects %o', (tags, argument, why) => {
    let error: unknown;
    try {
      buildTags(tags);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({ argument });
    expect((error as Error).message).toContain(why);
  });

  it('counts characters, not bytes', () => {
    expect(() => buildTags({ k: 'é'.repeat(256) })).not.toThrow();
  });

  it("allows 50 tags with modelship's own, no more", () => {
    const tags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`t${i}`, 'v']));
    expect(buildTags(tags(MAX_TAGS - 2), { deployment: 'churn' })).toHaveLength(50);
    expect(() => buildTags(tags(MAX_TAGS - 1), { deployment: 'churn' })).toThrow(
      /49 tags were given and modelship adds 2 of its own: AWS allows 50 on a resource. Remove at least 1/,
    );
  });
});
