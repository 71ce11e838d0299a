/**
 * Approval of a version as SageMaker's `ModelApprovalStatus` on its model package, which is what SageMaker Studio,
 * EventBridge rules and CI/CD pipelines built on the Model Registry already read.
 */
import type { ModelApprovalStatus } from '@aws-sdk/client-sagemaker';
import { InvalidArgumentError } from '../../../errors.js';
import type { ApprovalStatus } from '../../types.js';

const TO_SAGEMAKER: Readonly<Record<ApprovalStatus, ModelApprovalStatus>> = {
  pending: 'PendingManualApproval',
  approved: 'Approved',
  rejected: 'Rejected',
};

/**
 * The `ModelApprovalStatus` of an approval.
 * @throws {@link InvalidArgumentError} (`argument: 'status'`) for anything but `pending`, `approved`, `rejected`.
 */
export function toModelApprovalStatus(status: ApprovalStatus): ModelApprovalStatus {
  if (typeof status === 'string' && Object.hasOwn(TO_SAGEMAKER, status)) return TO_SAGEMAKER[status];
  throw new InvalidArgumentError(
    'status',
    `"${String(status)}" is not an approval: use pending, approved or rejected.`,
  );
}

/** The approval of a `ModelApprovalStatus`; a package without one (or with one SageMaker adds later) is pending. */
export function fromModelApprovalStatus(status: string | undefined): ApprovalStatus {
  if (status === 'Approved') return 'approved';
  if (status === 'Rejected') return 'rejected';
  return 'pending';
}
