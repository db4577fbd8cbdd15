// Prompts for people, with a non-interactive path for scripts: every question names the flag or
// environment variable that answers it, and without a terminal a missing answer is a UsageError
// (exit 252) at once instead of a hang.

export interface PromptSource {
  /** How a script provides this answer, e.g. "--new-password-file or COGCTL_NEW_PASSWORD". */
  flag: string;
}

export interface Choice<T> {
  name: string;
  value: T;
  description?: string;
}

export interface Prompter {
  input(
    message: string,
    opts: PromptSource & { default?: string; validate?: (v: string) => true | string },
  ): Promise<string>;
  /** Hidden input; with confirm, asked twice and compared. */
  password(
    message: string,
    opts: PromptSource & { confirm?: boolean; validate?: (v: string) => true | string },
  ): Promise<string>;
  select<T>(message: string, choices: Choice<T>[], opts: PromptSource): Promise<T>;
  /** Asks yes/no; `yes` (from --yes) answers without asking. Refusal throws InterruptedError-free UsageError? No: returns false. */
  confirm(message: string, opts: { yes?: boolean; flag?: string; default?: boolean }): Promise<boolean>;
}
