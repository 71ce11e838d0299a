/**
 * The pure checks and key rules of artifacts: bucket names, object keys, S3 URIs, KMS key references,
 * content-addressed keys.
 */
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../../src/errors.js';
import { checkSha256, contentAddressedKey, keyBeside } from '../../../src/model/artifact/artifact-key.js';
import { defaultBucketName } from '../../../src/model/artifact/bucket-policy.js';
import { validateKmsKeyId } from '../../../src/model/artifact/kms-key.js';
import { parseS3Uri, toS3Uri, validateBucketName, validateObjectKey } from '../../../src/model/artifact/s3-location.js';

const SHA = 'a'.repeat(64);

function thrown(fn: () => unknown): InvalidArgumentError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidArgumentError);
    return error as InvalidArgumentError;
  }
  throw new Error('expected an InvalidArgumentError');
}

describe('bucket names', () => {
  it.each(['ml-artifacts', 'a.b.c', 'abc', 'a'.repeat(63), defaultBucketName('123456789012', 'ap-southeast-2')])(
    'accepts %s',
    (name) => expect(() => validateBucketName(name)).not.toThrow(),
  );

  it.each([
    ['ab', /3 to 63|2 characters/],
    ['a'.repeat(64), /64 characters/],
    ['ML-artifacts', /upper-case/],
    ['ml_artifacts', /characters other than/],
    ['-ml', /start and end/],
    ['ml..artifacts', /"\.\."/],
    ['10.0.0.1', /IP address/],
    ['xn--ml', /prefix "xn--"/],
    ['ml-s3alias', /suffix "-s3alias"/],
    ['', /empty/],
  ])('refuses %s', (name, why) => {
    const error = thrown(() => validateBucketName(name));
    expect(error.argument).toBe('bucket');
    expect(error.message).toMatch(why);
  });
});

describe('object keys and S3 URIs', () => {
  it('accepts ordinary keys and refuses empty, absolute, oversized and control-character keys', () => {
    expect(() => validateObjectKey('models/churn/model.tar.gz')).not.toThrow();
    expect(() => validateObjectKey('é/ü.tar.gz')).not.toThrow();
    for (const key of ['', '/models/a', 'a'.repeat(1025), 'a\nb', 'é'.repeat(513)]) {
      expect(thrown(() => validateObjectKey(key)).argument).toBe('key');
    }
  });

  it('parses and formats s3:// URIs', () => {
    expect(parseS3Uri('s3://mlx/a/b/model.tar.gz')).toEqual({ bucket: 'mlx', key: 'a/b/model.tar.gz' });
    expect(toS3Uri({ bucket: 'ml', key: 'a/model.tar.gz' })).toBe('s3://ml/a/model.tar.gz');
    expect(thrown(() => parseS3Uri('s3:/ml/a')).message).toMatch(/s3:\/\/<bucket>\/<key>/);
    expect(thrown(() => parseS3Uri(42)).argument).toBe('uri');
  });
});

describe('KMS key references', () => {
  it.each([
    '1234abcd-12ab-34cd-56ef-1234567890ab',
    'mrk-1234abcd12ab34cd56ef1234567890ab',
    'alias/ml-artifacts',
    'alias/aws/s3',
    'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    'arn:aws:kms:eu-west-1:123456789012:alias/ml',
    'arn:aws-cn:kms:cn-north-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab',
  ])('accepts %s', (key) => expect(() => validateKmsKeyId(key)).not.toThrow());

  it.each([
    'my-key',
    'alias/',
    'arn:aws:kms:eu-west-1:123456789012:key/not-a-key-id',
    'arn:aws:s3:::bucket',
    'arn:aws:kms::123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    '',
  ])('refuses %s', (key) => expect(thrown(() => validateKmsKeyId(key)).argument).toBe('kmsKeyId'));

  it('refuses a key of another region than the bucket', () => {
    const arn = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    expect(() => validateKmsKeyId(arn, 'us-east-1')).not.toThrow();
    expect(thrown(() => validateKmsKeyId(arn, 'eu-west-1')).message).toMatch(/us-east-1.*eu-west-1/);
  });
});

describe('content-addressed keys', () => {
  it('puts the SHA-256 in the key', () => {
    expect(contentAddressedKey('modelship/churn', SHA)).toBe(`modelship/churn/${SHA}/model.tar.gz`);
    expect(contentAddressedKey('/modelship/churn/', SHA, 'model.onnx')).toBe(`modelship/churn/${SHA}/model.onnx`);
    expect(contentAddressedKey('', SHA)).toBe(`${SHA}/model.tar.gz`);
    expect(thrown(() => contentAddressedKey('x', SHA.toUpperCase())).argument).toBe('sha256');
    expect(() => checkSha256(SHA)).not.toThrow();
  });

  it('finds the key beside an occupied one, and none beside a content-addressed one', () => {
    expect(keyBeside('models/churn/model.tar.gz', SHA)).toBe(`models/churn/${SHA}/model.tar.gz`);
    expect(keyBeside('model.tar.gz', SHA)).toBe(`${SHA}/model.tar.gz`);
    expect(keyBeside(`models/${SHA}/model.tar.gz`, SHA)).toBeUndefined();
  });
});
