/**
 * Who is registering, when the caller does not say: `user@host`, good enough for a local registry's audit trail.
 */
import { hostname, userInfo } from 'node:os';

/** `user@host` of this process; `unknown@host` where the OS has no user name for it (some containers). */
export function defaultUser(): string {
  let user: string;
  try {
    user = userInfo().username;
  } catch {
    // userInfo() throws when the uid has no passwd entry (containers run with an arbitrary uid).
    user = process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
  return `${user}@${hostname()}`;
}
