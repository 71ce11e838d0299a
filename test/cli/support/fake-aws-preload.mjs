/**
 * Loaded with `node --import` into the spawned `modelship` binary: replaces `send` of every AWS SDK client the CLI
 * uses with a scripted fake, and records each request so the test can check it against AWS's service models.
 *
 * MODELSHIP_FAKE_AWS names a JSON file: `{ "log": "<file to record calls in>", "responses": { "SageMaker:DescribeEndpoint":
 * { "output": {…} } | { "error": { "name": "ValidationException", "message": "…", "status": 400 } } | [ …in order ] } }`.
 * A call with no scripted response fails, so a test sees every call the CLI makes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { IAMClient } from '@aws-sdk/client-iam';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { STSClient } from '@aws-sdk/client-sts';

const scenario = JSON.parse(readFileSync(process.env.MODELSHIP_FAKE_AWS ?? '', 'utf8'));
const calls = [];
const served = new Map();

for (const Client of [
  ApiGatewayV2Client,
  ApplicationAutoScalingClient,
  CloudWatchClient,
  CloudWatchLogsClient,
  IAMClient,
  LambdaClient,
  S3Client,
  SageMakerClient,
  SageMakerRuntimeClient,
  STSClient,
]) {
  Client.prototype.send = async function send(command) {
    const sdkId = this.config.serviceId;
    const operation = command.constructor.name.replace(/Command$/, '');
    const key = `${sdkId}:${operation}`;
    calls.push({ sdkId, operation, input: command.input });
    // Written after every call: the process may end in any way, and the log must still be complete.
    writeFileSync(scenario.log, JSON.stringify(calls));
    const scripted = scenario.responses[key];
    const responses = Array.isArray(scripted) ? scripted : scripted === undefined ? [] : [scripted];
    const index = served.get(key) ?? 0;
    served.set(key, index + 1);
    const response = responses[Math.min(index, responses.length - 1)];
    if (response === undefined)
      throw awsError({ name: 'UnexpectedCall', message: `no scripted response for ${key}`, status: 400 });
    if (response.error !== undefined) throw awsError(response.error);
    return { $metadata: { httpStatusCode: 200, requestId: `fake-${calls.length}` }, ...revive(response.output ?? {}) };
  };
}

function awsError({ name, message, status }) {
  return Object.assign(new Error(message), {
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status, requestId: 'fake' },
  });
}

/** `{ "$date": "…" }` in a scripted output becomes a Date, as the SDK's deserializers give them. */
function revive(value) {
  if (Array.isArray(value)) return value.map(revive);
  if (value === null || typeof value !== 'object') return value;
  if (typeof value.$date === 'string') return new Date(value.$date);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(v)]));
}
