// The exit codes every sub-command shares.
export const EXIT_OK = 0;
/** Findings (hazards) or refusals. */
export const EXIT_FINDINGS = 1;
/** Bad usage, or an input that cannot be read or parsed. */
export const EXIT_USAGE = 2;

/** A user error: printed as one line, no stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_USAGE,
  ) {
    super(message);
  }
}
