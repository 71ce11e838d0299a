/**
 * `application/x-npy` bodies: a request is one NumPy array (`numpy.save`) for the model's only input; a response
 * is one output (the first, unless `Accept: application/x-npy; output=<name>` picks another) as an array.
 * Numeric dtypes are converted to the input's type when no value is lost (float64 → float32, the NumPy default
 * meeting the usual model input, included); float → integer needs integral values.
 */
import { decodeNpy, encodeNpy, type NpyDtype } from '../../../predict/serde/npy-codec.js';
import { badInput, notAcceptable } from './failures.js';
import { convertNumeric, fitShape, inputType } from './input-values.js';
import type { DecodedBody } from './json-codec.js';
import type { HostTensor, TensorInfo, TensorType } from './tensor.js';

const FROM_NPY: Readonly<Record<NpyDtype, TensorType>> = {
  f2: 'float16',
  f4: 'float32',
  f8: 'float64',
  i1: 'int8',
  i2: 'int16',
  i4: 'int32',
  i8: 'int64',
  u1: 'uint8',
  u2: 'uint16',
  u4: 'uint32',
  u8: 'uint64',
  b1: 'bool',
};

const TO_NPY = Object.fromEntries(Object.entries(FROM_NPY).map(([npy, type]) => [type, npy])) as Readonly<
  Partial<Record<TensorType, NpyDtype>>
>;

/** Reads a `.npy` body into the model's only input. @throws ModelError (400). */
export function decodeNpyBody(body: Uint8Array, inputs: readonly TensorInfo[]): DecodedBody {
  const info = inputs[0];
  if (inputs.length !== 1 || info === undefined) {
    throw badInput(
      `application/x-npy feeds one input, and this model has ${inputs.length} (${inputs.map((i) => i.name).join(', ')}); send application/json with {"inputs": {"name": …}}.`,
    );
  }
  let array: ReturnType<typeof decodeNpy>;
  try {
    array = decodeNpy(body);
  } catch (error) {
    throw badInput((error as Error).message, error);
  }
  const source = FROM_NPY[array.dtype];
  const target = inputType(info);
  let tensor: HostTensor;
  if (source === target) {
    tensor = { type: target, dims: fitShape(info, array.shape), data: array.data };
  } else if (source === 'float16' || target === 'float16' || target === 'string' || target === 'bool') {
    const wanted = TO_NPY[target];
    throw badInput(
      `Input "${info.name}" is ${target}; the array's dtype '${array.dtype}' cannot be converted to it.${wanted === undefined ? ' Send application/json.' : ` Send dtype '${wanted}'.`}`,
    );
  } else {
    tensor = convertNumeric(info, array.shape, array.data);
  }
  return { feeds: { [info.name]: tensor }, style: 'rows' };
}

/** Writes one output as a `.npy` body. @throws ModelError (406) for string outputs. */
export function encodeNpyBody(name: string, tensor: HostTensor): Uint8Array {
  const dtype = TO_NPY[tensor.type];
  if (dtype === undefined || Array.isArray(tensor.data)) {
    throw notAcceptable(
      `Output "${name}" holds ${tensor.type} values, which .npy cannot carry here; accept application/json.`,
    );
  }
  return encodeNpy({ dtype, shape: tensor.dims, data: tensor.data });
}
