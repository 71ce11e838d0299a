/**
 * The shape both progress renderers (task list and plain lines) share.
 */
import type { DeployEventHandler } from '../../../deploy/events.js';

/** What {@link progressRenderer} returns: the handler to pass as `onEvent`, and how to stop it. */
export interface ProgressRenderer {
  /** Pass as `onEvent` to `deploy()`, `destroy()`, `applyPlan()`. Never throws. */
  readonly onEvent: DeployEventHandler;
  /** Stops redrawing and writes what is left (the last line of a failed run). Safe to call twice. */
  close(): Promise<void>;
}
