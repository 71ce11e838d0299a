/**
 * Retry safety for the calls that change SageMaker. A create or update that AWS carried out but answered with a
 * 500 or a dropped connection is retried by the engine, and the retry is refused: "already existing", "in-progress".
 * That refusal is our own success when what exists is what this step asked for, and this step must then report it
 * (so it is undone like any other) rather than fail with it left behind.
 */
import { ConflictError } from '../../../errors.js';

/**
 * Runs `attempt`; when it fails with a {@link ConflictError}, asks `alreadyDone` whether the change is in place
 * (made by an earlier try of the same step) and returns its answer instead. Any other failure, or a conflict with
 * something that is not ours, is thrown as it was.
 */
export async function acceptingHiddenSuccess<T>(
  attempt: () => Promise<T>,
  alreadyDone: () => Promise<T | undefined>,
): Promise<T> {
  try {
    return await attempt();
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const done = await alreadyDone();
    if (done === undefined) throw error;
    return done;
  }
}
