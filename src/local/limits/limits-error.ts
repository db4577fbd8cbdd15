// A bad `--quotas` / `--faults` value or COGCTL_LOCAL_QUOTAS / COGCTL_LOCAL_FAULTS variable. Its own
// small module so the CLI's error mapping (exit 252) can import it without the limits themselves.
export class LimitsSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LimitsSpecError";
  }
}
