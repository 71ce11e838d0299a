/**
 * The CreateTransformJob request a job's settings ask for. Pure, so a plan can show it and tests can check it.
 */
import type { CreateTransformJobRequest } from '@aws-sdk/client-sagemaker';
import type { AwsTag } from '../../aws/tags.js';
import type { BatchSettings } from '../check-options.js';

/** The request that starts the job `settings.jobName` on the model `modelName`. */
export function transformJobRequest(
  settings: BatchSettings,
  modelName: string,
  tags: readonly AwsTag[],
  kmsKeyId: string | undefined,
): CreateTransformJobRequest {
  const { inputFilter, outputFilter, joinSource } = settings;
  const processing = inputFilter !== undefined || outputFilter !== undefined || joinSource === 'Input';
  return {
    TransformJobName: settings.jobName,
    ModelName: modelName,
    ...(settings.maxConcurrentTransforms === undefined
      ? {}
      : { MaxConcurrentTransforms: settings.maxConcurrentTransforms }),
    MaxPayloadInMB: settings.maxPayloadMb,
    BatchStrategy: settings.batchStrategy,
    TransformInput: {
      DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: settings.input } },
      ...(settings.contentType === undefined ? {} : { ContentType: settings.contentType }),
      CompressionType: 'None',
      SplitType: settings.splitType,
    },
    TransformOutput: {
      S3OutputPath: settings.output,
      ...(settings.accept === undefined ? {} : { Accept: settings.accept }),
      // Line splitting puts each record's answer on its own line, which is what a join or a reader of lines needs.
      AssembleWith: settings.splitType === 'Line' ? 'Line' : 'None',
      ...(kmsKeyId === undefined ? {} : { KmsKeyId: kmsKeyId }),
    },
    TransformResources: {
      InstanceType: settings.instanceType as never,
      InstanceCount: settings.instanceCount,
      ...(kmsKeyId === undefined ? {} : { VolumeKmsKeyId: kmsKeyId }),
    },
    ...(processing
      ? {
          DataProcessing: {
            InputFilter: inputFilter?.text ?? '$',
            OutputFilter: outputFilter?.text ?? '$',
            JoinSource: joinSource,
          },
        }
      : {}),
    Tags: tags.map(({ Key, Value }) => ({ Key, Value })),
  };
}
