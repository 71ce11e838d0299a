/** The CLI's exit codes, documented in docs/cli.md. Scripts and CI jobs branch on them: never renumber. */
export const EXIT = {
  /** Done. */
  ok: 0,
  /** It failed: a step failed, AWS refused, nothing is deployed under that name. */
  failure: 1,
  /** Bad usage: unknown command or option, a config that fails its schema, an option the target does not allow. */
  usage: 2,
  /** Applied, but the validation gate failed. */
  validationFailed: 3,
  /** Cancelled with Ctrl-C. */
  cancelled: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
