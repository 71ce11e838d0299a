/**
 * Value rules of the SageMaker options, from the SageMaker, IAM and KMS API models (narrowed where AWS documents a
 * narrower form), shared by the option checks.
 */

/** `ml.<family>.<size>`. Checked by form, not against a list: SageMaker adds instance types often. */
export const INSTANCE_TYPE = /^ml\.[a-z][a-z0-9-]*\.[a-z0-9]+$/;
export const INSTANCE_TYPE_TEXT = 'an ML instance type such as ml.m5.large or ml.g5.xlarge';
/** No upper bound but JavaScript's. */
export const UNBOUNDED = Number.MAX_SAFE_INTEGER;
