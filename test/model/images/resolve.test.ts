import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../../src/errors.js';
import { type ImageRequest, resolveImageUri } from '../../../src/model/images/resolve.js';

/** The error `resolveImageUri` throws for a request, checked to be a typed INVALID_ARGUMENT error. */
function errorOf(request: ImageRequest): InvalidArgumentError {
  try {
    resolveImageUri(request);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', fault: 'client', retryable: false });
    return error as InvalidArgumentError;
  }
  throw new Error(`expected ${JSON.stringify(request)} to fail`);
}

describe('resolveImageUri: known URIs', () => {
  it.each<[string, ImageRequest, string]>([
    [
      'sklearn',
      { framework: 'sklearn', frameworkVersion: '1.2-1', region: 'us-east-1', instanceType: 'ml.m5.large' },
      '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3',
    ],
    [
      'sklearn in China',
      { framework: 'sklearn', frameworkVersion: '1.2-1', region: 'cn-north-1', instanceType: 'ml.m5.large' },
      '450853457545.dkr.ecr.cn-north-1.amazonaws.com.cn/sagemaker-scikit-learn:1.2-1-cpu-py3',
    ],
    [
      'sklearn with a Python 3.12 image',
      { framework: 'sklearn', frameworkVersion: '1.4-2-py312', region: 'eu-west-1' },
      '141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-scikit-learn:1.4-2-py312-cpu-py3',
    ],
    [
      'xgboost',
      { framework: 'xgboost', frameworkVersion: '1.7-1', region: 'us-east-1', instanceType: 'ml.m5.xlarge' },
      '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1',
    ],
    [
      'xgboost in China',
      { framework: 'xgboost', frameworkVersion: '1.7-1', region: 'cn-northwest-1', instanceType: 'ml.m5.xlarge' },
      '451049120500.dkr.ecr.cn-northwest-1.amazonaws.com.cn/sagemaker-xgboost:1.7-1',
    ],
    [
      'xgboost before 1.2, whose tag names processor and Python',
      { framework: 'xgboost', frameworkVersion: '1.0-1', region: 'us-west-2', instanceType: 'ml.m5.xlarge' },
      '246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-xgboost:1.0-1-cpu-py3',
    ],
    [
      'pytorch on GPU',
      { framework: 'pytorch', frameworkVersion: '2.1.0', region: 'us-east-1', instanceType: 'ml.g5.xlarge' },
      '763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.1.0-gpu-py310',
    ],
    [
      'pytorch on CPU in China',
      { framework: 'pytorch', frameworkVersion: '2.1.0', region: 'cn-north-1', instanceType: 'ml.c5.xlarge' },
      '727897471807.dkr.ecr.cn-north-1.amazonaws.com.cn/pytorch-inference:2.1.0-cpu-py310',
    ],
    [
      'pytorch in a region with its own account',
      { framework: 'pytorch', frameworkVersion: '2.6.0', region: 'af-south-1', instanceType: 'ml.m5.large' },
      '626614931356.dkr.ecr.af-south-1.amazonaws.com/pytorch-inference:2.6.0-cpu-py312',
    ],
    [
      'tensorflow (TF Serving tags name no Python)',
      { framework: 'tensorflow', frameworkVersion: '2.13.0', region: 'us-east-1', instanceType: 'ml.g4dn.xlarge' },
      '763104351884.dkr.ecr.us-east-1.amazonaws.com/tensorflow-inference:2.13.0-gpu',
    ],
    [
      'tensorflow in China',
      { framework: 'tensorflow', frameworkVersion: '2.13.0', region: 'cn-north-1', instanceType: 'ml.m5.large' },
      '727897471807.dkr.ecr.cn-north-1.amazonaws.com.cn/tensorflow-inference:2.13.0-cpu',
    ],
    [
      'huggingface on pytorch, GPU',
      { framework: 'huggingface', frameworkVersion: '4.37.0', region: 'us-east-1', instanceType: 'ml.g5.2xlarge' },
      '763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-inference:2.1.0-transformers4.37.0-gpu-py310-cu118-ubuntu20.04',
    ],
    [
      'huggingface on pytorch, CPU (another OS suffix)',
      { framework: 'huggingface', frameworkVersion: '4.37.0', region: 'eu-west-1', instanceType: 'ml.m5.xlarge' },
      '763104351884.dkr.ecr.eu-west-1.amazonaws.com/huggingface-pytorch-inference:2.1.0-transformers4.37.0-cpu-py310-ubuntu22.04',
    ],
    [
      'huggingface on tensorflow in China',
      {
        framework: 'huggingface',
        frameworkVersion: '4.26.0',
        baseFramework: 'tensorflow',
        region: 'cn-northwest-1',
        instanceType: 'ml.g4dn.xlarge',
      },
      '727897471807.dkr.ecr.cn-northwest-1.amazonaws.com.cn/huggingface-tensorflow-inference:2.11.0-transformers4.26.0-gpu-py39-cu112-ubuntu20.04',
    ],
    [
      'an isolated partition',
      { framework: 'pytorch', frameworkVersion: '2.1.0', region: 'us-iso-east-1', instanceType: 'ml.m5.large' },
      '886529160074.dkr.ecr.us-iso-east-1.c2s.ic.gov/pytorch-inference:2.1.0-cpu-py310',
    ],
    [
      'GovCloud (amazonaws.com, its own account)',
      { framework: 'sklearn', frameworkVersion: '1.2-1', region: 'us-gov-west-1' },
      '414596584902.dkr.ecr.us-gov-west-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3',
    ],
  ])('%s', (_name, request, uri) => {
    expect(resolveImageUri(request)).toBe(uri);
  });
});

describe('resolveImageUri: processor from the instance type', () => {
  const pytorch = { framework: 'pytorch', frameworkVersion: '2.1.0', region: 'us-west-2' } as const;

  it.each([
    ['ml.m5.large', 'cpu'],
    ['ml.c6i.xlarge', 'cpu'],
    ['ml.t2.medium', 'cpu'],
    ['ml.g4dn.xlarge', 'gpu'],
    ['ml.g5.xlarge', 'gpu'],
    ['ml.p3.2xlarge', 'gpu'],
  ])('%s → %s image', (instanceType, processor) => {
    expect(resolveImageUri({ ...pytorch, instanceType })).toBe(
      `763104351884.dkr.ecr.us-west-2.amazonaws.com/pytorch-inference:2.1.0-${processor}-py310`,
    );
  });

  it('a serverless endpoint (no instance type) gets the CPU image', () => {
    expect(resolveImageUri(pytorch)).toBe(
      '763104351884.dkr.ecr.us-west-2.amazonaws.com/pytorch-inference:2.1.0-cpu-py310',
    );
  });

  it('XGBoost 1.2-1 and later have one image for CPU and GPU', () => {
    const xgboost = { framework: 'xgboost', frameworkVersion: '1.7-1', region: 'us-east-1' } as const;
    expect(resolveImageUri({ ...xgboost, instanceType: 'ml.g5.xlarge' })).toBe(resolveImageUri(xgboost));
  });

  it('PyTorch 1.6.0 on ml.p4d gets the CUDA 11 build, as the SDK does', () => {
    const request = { framework: 'pytorch', frameworkVersion: '1.6.0', pyVersion: 'py3', region: 'us-east-1' } as const;
    expect(resolveImageUri({ ...request, instanceType: 'ml.p4d.24xlarge' })).toBe(
      '763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:1.6.0-gpu-py3-cu110-ubuntu18.04',
    );
    expect(resolveImageUri({ ...request, instanceType: 'ml.p3.2xlarge' })).toBe(
      '763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:1.6.0-gpu-py3',
    );
  });
});

describe('resolveImageUri: aliases and defaults', () => {
  it.each<[ImageRequest, string]>([
    [{ framework: 'pytorch', frameworkVersion: '2.1', region: 'us-east-1' }, 'pytorch-inference:2.1.0-cpu-py310'],
    [{ framework: 'pytorch', frameworkVersion: '1.10', region: 'us-east-1' }, 'pytorch-inference:1.10.2-cpu-py38'],
    [{ framework: 'tensorflow', frameworkVersion: '2.13', region: 'us-east-1' }, 'tensorflow-inference:2.13.0-cpu'],
    [{ framework: 'sklearn', frameworkVersion: '1.2', region: 'us-east-1' }, 'sagemaker-scikit-learn:1.2-1-cpu-py3'],
    [
      { framework: 'sklearn', frameworkVersion: '1.4', region: 'us-east-1' },
      'sagemaker-scikit-learn:1.4-2-py312-cpu-py3',
    ],
    [{ framework: 'xgboost', frameworkVersion: '1.2', region: 'us-east-1' }, 'sagemaker-xgboost:1.2-2'],
    [{ framework: 'xgboost', frameworkVersion: '1.7', region: 'us-east-1' }, 'sagemaker-xgboost:1.7-1'],
    [{ framework: 'xgboost', frameworkVersion: 'latest', region: 'us-east-1' }, 'xgboost:1'],
    [
      { framework: 'huggingface', frameworkVersion: '4.37', baseFrameworkVersion: '2.1', region: 'us-east-1' },
      'huggingface-pytorch-inference:2.1.0-transformers4.37.0-cpu-py310-ubuntu22.04',
    ],
    [
      { framework: 'huggingface', frameworkVersion: '4.48', region: 'us-east-1' },
      'huggingface-pytorch-inference:2.3.0-transformers4.48.0-cpu-py311-ubuntu22.04',
    ],
    [
      {
        framework: 'huggingface',
        frameworkVersion: '4.10',
        baseFramework: 'pytorch',
        baseFrameworkVersion: 'pytorch1.9',
        region: 'us-east-1',
      },
      'huggingface-pytorch-inference:1.9.0-transformers4.10.2-cpu-py38-ubuntu20.04',
    ],
  ])('%j → %s', (request, suffix) => {
    expect(resolveImageUri(request).endsWith(`/${suffix}`)).toBe(true);
  });

  it('accepts the Python version as py310, 3.10 or 310', () => {
    const request = { framework: 'pytorch', frameworkVersion: '1.8.1', region: 'us-east-1' } as const;
    const expected = '763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:1.8.1-cpu-py36';
    for (const pyVersion of ['py36', '3.6', '36']) expect(resolveImageUri({ ...request, pyVersion })).toBe(expected);
    expect(resolveImageUri({ ...request, pyVersion: '3' })).toBe(expected.replace('py36', 'py3'));
  });

  it('ignores pyVersion when the tag names no Python (one image to pick)', () => {
    const request = { framework: 'tensorflow', frameworkVersion: '2.13.0', region: 'us-east-1' } as const;
    expect(resolveImageUri({ ...request, pyVersion: 'py310' })).toBe(resolveImageUri(request));
  });
});

describe('resolveImageUri: errors', () => {
  it('onnx has no SageMaker framework image and points to Model.fromImage', () => {
    const error = errorOf({ framework: 'onnx', frameworkVersion: '1.16', region: 'us-east-1' });
    expect(error.argument).toBe('framework');
    expect(error.message).toContain('Model.fromImage');
  });

  it('an unknown framework lists the supported ones', () => {
    const error = errorOf({ framework: 'mxnet' as never, frameworkVersion: '1.8', region: 'us-east-1' });
    expect(error.argument).toBe('framework');
    expect(error.message).toContain('sklearn, xgboost, pytorch, tensorflow, huggingface');
  });

  it.each(['9.9', '', 'constructor', '2.1.0-gpu'])(
    'an unknown version (%j) lists the versions and short forms',
    (v) => {
      const error = errorOf({ framework: 'pytorch', frameworkVersion: v, region: 'us-east-1' });
      expect(error.argument).toBe('frameworkVersion');
      expect(error.message).toContain('2.1.0, 2.2.0');
      expect(error.message).toContain('2.1 → 2.1.0');
      expect(error.message).toContain('Set frameworkVersion to one of these');
    },
  );

  it('an unknown sklearn version lists the modelship short forms too', () => {
    const error = errorOf({ framework: 'sklearn', frameworkVersion: '1.3', region: 'us-east-1' });
    expect(error.message).toContain('0.20.0, 0.23-1, 1.0-1, 1.2-1, 1.4-2-py312');
    expect(error.message).toContain('1.2 → 1.2-1');
  });

  it('an unknown region lists the regions that have the image', () => {
    const error = errorOf({ framework: 'sklearn', frameworkVersion: '1.2-1', region: 'mars-north-1' });
    expect(error.argument).toBe('region');
    expect(error.message).toContain('us-east-1');
    expect(error.message).toContain('cn-north-1');
  });

  it('a region that exists but lacks this older image says so', () => {
    // PyTorch 1.1.0 (sagemaker-pytorch) was never published in the newer regions.
    const error = errorOf({
      framework: 'pytorch',
      frameworkVersion: '1.1.0',
      pyVersion: 'py3',
      region: 'mx-central-1',
    });
    expect(error.argument).toBe('region');
    expect(error.message).toContain('pytorch 1.1.0');
  });

  it('a GPU instance for a CPU-only image', () => {
    const error = errorOf({
      framework: 'sklearn',
      frameworkVersion: '1.2-1',
      region: 'us-east-1',
      instanceType: 'ml.g5.xlarge',
    });
    expect(error.argument).toBe('instanceType');
    expect(error.message).toContain('CPU images only');
    expect(error.message).toContain('ml.m5.large');
  });

  it.each(['ml.inf2.xlarge', 'ml.inf1.xlarge', 'ml.trn1.2xlarge'])(
    '%s needs a Neuron image, which is not resolved',
    (t) => {
      const error = errorOf({ framework: 'pytorch', frameworkVersion: '2.1.0', region: 'us-east-1', instanceType: t });
      expect(error.argument).toBe('instanceType');
      expect(error.message).toContain('Neuron');
    },
  );

  it('a Graviton instance is refused: the images are x86', () => {
    const error = errorOf({
      framework: 'xgboost',
      frameworkVersion: '1.7-1',
      region: 'us-east-1',
      instanceType: 'ml.c7g.large',
    });
    expect(error.argument).toBe('instanceType');
    expect(error.message).toContain('Graviton');
  });

  it('a malformed instance type', () => {
    const error = errorOf({
      framework: 'pytorch',
      frameworkVersion: '2.1.0',
      region: 'us-east-1',
      instanceType: 'g5.xlarge',
    });
    expect(error.argument).toBe('instanceType');
  });

  it('P2 instances are refused for PyTorch 1.13+ and TensorFlow 2.12+', () => {
    const p2 = { region: 'us-east-1', instanceType: 'ml.p2.xlarge' } as const;
    expect(errorOf({ ...p2, framework: 'pytorch', frameworkVersion: '2.1.0' }).argument).toBe('instanceType');
    expect(errorOf({ ...p2, framework: 'tensorflow', frameworkVersion: '2.13.0' }).argument).toBe('instanceType');
    expect(resolveImageUri({ ...p2, framework: 'pytorch', frameworkVersion: '1.12.1' })).toContain(':1.12.1-gpu-py38');
    expect(resolveImageUri({ ...p2, framework: 'tensorflow', frameworkVersion: '2.11.1' })).toContain(':2.11.1-gpu');
  });

  it('several Python versions and none chosen', () => {
    const error = errorOf({ framework: 'pytorch', frameworkVersion: '1.8.1', region: 'us-east-1' });
    expect(error.argument).toBe('pyVersion');
    expect(error.message).toContain('py3, py36');
  });

  it('a Python version without an image', () => {
    const error = errorOf({ framework: 'pytorch', frameworkVersion: '2.1.0', pyVersion: 'py38', region: 'us-east-1' });
    expect(error.argument).toBe('pyVersion');
    expect(error.message).toContain('py310');
  });

  it('huggingface: both base frameworks exist and none is chosen', () => {
    const error = errorOf({ framework: 'huggingface', frameworkVersion: '4.26.0', region: 'us-east-1' });
    expect(error.argument).toBe('baseFramework');
    expect(error.message).toContain('pytorch 1.13.1, tensorflow 2.11.0');
  });

  it('huggingface: a base framework without an image for that transformers version', () => {
    const error = errorOf({
      framework: 'huggingface',
      frameworkVersion: '4.37.0',
      baseFramework: 'tensorflow',
      region: 'us-east-1',
    });
    expect(error.argument).toBe('baseFramework');
    expect(error.message).toContain("not 'tensorflow'");
  });

  it('huggingface: several base framework versions and none chosen, or an unknown one', () => {
    const request = {
      framework: 'huggingface',
      frameworkVersion: '4.10.2',
      baseFramework: 'pytorch',
      region: 'us-east-1',
    } as const;
    const none = errorOf(request);
    expect(none.argument).toBe('baseFrameworkVersion');
    expect(none.message).toContain('pytorch 1.8.1, pytorch 1.9.0');
    const unknown = errorOf({ ...request, baseFrameworkVersion: '2.0.0' });
    expect(unknown.argument).toBe('baseFrameworkVersion');
    expect(unknown.message).toContain('not 2.0.0');
  });

  it('huggingface: an unknown transformers version lists the versions', () => {
    const error = errorOf({ framework: 'huggingface', frameworkVersion: '3.0.0', region: 'us-east-1' });
    expect(error.argument).toBe('frameworkVersion');
    expect(error.message).toContain('4.37.0');
  });

  it('baseFramework is refused for other frameworks rather than ignored', () => {
    const error = errorOf({
      framework: 'pytorch',
      frameworkVersion: '2.1.0',
      baseFramework: 'pytorch',
      region: 'us-east-1',
    });
    expect(error.argument).toBe('baseFramework');
  });
});
