// Where every answer of a sign-in comes from, in one order: a flag, then an environment variable,
// then a prompt. Prompts name the flag that answers them, so without a terminal the prompter fails
// at once (exit 252) with that name instead of hanging. Passwords never need to be on argv.

import { totpCode } from "../cognito/crypto/index.js";
import { UsageError } from "../kernel/errors.js";
import type { IO } from "../kernel/io/io.js";
import type { Choice, Prompter } from "../kernel/io/prompter.js";
import { runForOutput } from "../kernel/io/run-command.js";
import { readSecretFile, readSecretStdin } from "./client-secret.js";

export interface AnswerFlags {
  username?: string;
  passwordStdin?: boolean;
  passwordFile?: string;
  newPasswordFile?: string;
  mfaCode?: string;
  codeCommand?: string;
  totpSecret?: string;
  totpSecretFile?: string;
  answer?: string[];
  select?: string[];
  attribute?: string[];
}

export const SOURCES = {
  username: "--username or COGCTL_USERNAME",
  password: "--password-stdin, --password-file or COGCTL_PASSWORD",
  newPassword: "--new-password-file or COGCTL_NEW_PASSWORD",
  code: "--mfa-code, --code-command, COGCTL_MFA_CODE or COGCTL_CODE_COMMAND",
  totp: "--mfa-code, --totp-secret-file, --totp-secret, COGCTL_TOTP_SECRET or --code-command",
  answer: "--answer or COGCTL_ANSWER",
  select: "--select",
  attribute: (name: string) => `--attribute ${name}=VALUE`,
} as const;

/** A code and whether a person typed it (a typed code that is wrong may be asked again). */
export interface CodeAnswer {
  code: string;
  typed: boolean;
}

export class Answers {
  private passwordCache: string | undefined;
  private newPasswordCache: string | undefined;
  private mfaCodeUnused: string | undefined;
  private readonly answers: string[];
  private readonly attributes = new Map<string, string>();

  constructor(
    private readonly flags: AnswerFlags,
    private readonly io: IO,
    private readonly prompter: Prompter,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.mfaCodeUnused = flags.mfaCode ?? io.env.COGCTL_MFA_CODE;
    this.answers = [...(flags.answer ?? [])];
    if (this.answers.length === 0 && io.env.COGCTL_ANSWER) this.answers.push(io.env.COGCTL_ANSWER);
    for (const pair of flags.attribute ?? []) {
      const eq = pair.indexOf("=");
      if (eq <= 0) throw new UsageError(`--attribute expects NAME=VALUE, got '${pair}'.`);
      this.attributes.set(pair.slice(0, eq).replace(/^userAttributes\./, ""), pair.slice(eq + 1));
    }
    if (flags.passwordStdin && flags.passwordFile)
      throw new UsageError("Use either --password-stdin or --password-file, not both.");
  }

  get canPrompt(): boolean {
    return this.io.canPrompt;
  }

  async username(): Promise<string> {
    const given = this.flags.username ?? this.io.env.COGCTL_USERNAME;
    if (given) return given;
    return this.prompter.input("Username:", { flag: SOURCES.username, validate: nonEmpty });
  }

  /** The user's password, read once (stdin can only be read once). */
  async password(username: string): Promise<string> {
    this.passwordCache ??= await this.readPassword(username);
    return this.passwordCache;
  }

  private async readPassword(username: string): Promise<string> {
    if (this.flags.passwordStdin)
      return requireNonEmpty(
        stripNewline(await readSecretStdin(this.io, "--password-stdin")),
        "--password-stdin",
      );
    if (this.flags.passwordFile)
      return requireNonEmpty(
        stripNewline(await readSecretFile(this.flags.passwordFile, "--password-file")),
        "--password-file",
      );
    if (this.io.env.COGCTL_PASSWORD) return this.io.env.COGCTL_PASSWORD;
    return this.prompter.password(`Password for ${username}:`, {
      flag: SOURCES.password,
      validate: nonEmpty,
    });
  }

  /**
   * A password to set, checked by `check` (the pool's policy: a message when broken) and typed twice
   * at a prompt. `from` says which flags give it: "new" (--new-password-file, COGCTL_NEW_PASSWORD)
   * when a current password is also in play, "password" (the --password-* sources) for sign-up.
   */
  async newPassword(check: (p: string) => true | string, from: "new" | "password" = "new"): Promise<string> {
    if (this.newPasswordCache !== undefined) return this.newPasswordCache;
    let value: string | undefined;
    if (from === "password") {
      if (this.flags.passwordStdin || this.flags.passwordFile || this.io.env.COGCTL_PASSWORD)
        value = await this.readPassword("");
    } else if (this.flags.newPasswordFile) {
      value = stripNewline(await readSecretFile(this.flags.newPasswordFile, "--new-password-file"));
    } else if (this.io.env.COGCTL_NEW_PASSWORD) {
      value = this.io.env.COGCTL_NEW_PASSWORD;
    }
    if (value !== undefined) {
      const verdict = check(value);
      if (verdict !== true)
        throw new UsageError(`The new password does not meet the pool's policy: ${verdict}`);
    } else {
      value = await this.prompter.password(from === "new" ? "New password:" : "Password:", {
        flag: from === "new" ? SOURCES.newPassword : SOURCES.password,
        confirm: true,
        validate: check,
      });
    }
    this.newPasswordCache = value;
    return value;
  }

  /**
   * A one-time code sent by SMS or email (or from an authenticator app when totp is set). Sources:
   * --mfa-code (used once), a TOTP secret, --code-command (run after the code was sent: how a script
   * reads a code it could not know beforehand, e.g. from `cogctl local messages`), then a prompt.
   */
  async code(
    message: string,
    opts: { totp?: boolean; challenge?: string; medium?: string; destination?: string } = {},
  ): Promise<CodeAnswer> {
    if (this.mfaCodeUnused) {
      const code = this.mfaCodeUnused;
      this.mfaCodeUnused = undefined;
      return { code, typed: false };
    }
    if (opts.totp) {
      const secret = await this.totpSecret();
      if (secret) return { code: totpCode(secret, this.clock()), typed: false };
    }
    const command = this.flags.codeCommand ?? this.io.env.COGCTL_CODE_COMMAND;
    if (command) {
      const printed = await runForOutput(command, {
        flag: "--code-command",
        env: {
          COGCTL_CHALLENGE: opts.challenge,
          COGCTL_CODE_MEDIUM: opts.totp ? "totp" : opts.medium,
          COGCTL_CODE_DESTINATION: opts.destination,
        },
      });
      const code = printed.trim();
      if (!/^\S+$/.test(code)) {
        throw new UsageError(
          "--code-command printed no code: it must print the code alone on standard output.",
        );
      }
      return { code, typed: false };
    }
    const code = await this.prompter.input(message, {
      flag: opts.totp ? SOURCES.totp : SOURCES.code,
      validate: (v) => (/^\S+$/.test(v.trim()) ? true : "Enter the code"),
    });
    return { code: code.trim(), typed: true };
  }

  /** The TOTP secret a script gave to compute codes with, if any (base32, spaces ignored). */
  async totpSecret(): Promise<string | undefined> {
    const raw = this.flags.totpSecretFile
      ? await readSecretFile(this.flags.totpSecretFile, "--totp-secret-file")
      : (this.flags.totpSecret ?? this.io.env.COGCTL_TOTP_SECRET);
    const secret = raw?.replace(/\s+/g, "").toUpperCase();
    return secret ? secret : undefined;
  }

  /** Picks one of `choices`: the first --select value among them, else a choice list. */
  async choose(message: string, choices: Choice<string>[]): Promise<string> {
    const wanted = (this.flags.select ?? []).map((s) => s.toUpperCase());
    const hit = choices.find((c) => wanted.includes(c.value.toUpperCase()));
    if (hit) return hit.value;
    if (choices.length === 1 && !this.io.canPrompt) return choices[0].value;
    const names = choices.map((c) => c.value).join(", ");
    return this.prompter.select(message, choices, { flag: `--select (one of ${names})` });
  }

  /** The answer to a custom challenge: the next --answer, else a prompt. */
  async customAnswer(message: string): Promise<string> {
    const next = this.answers.shift();
    if (next !== undefined) return next;
    return this.prompter.input(message, { flag: SOURCES.answer });
  }

  /** A free-form answer that only a person (or the flag named in `flag`) can give. */
  async ask(message: string, flag: string): Promise<string> {
    return (await this.prompter.input(message, { flag, validate: nonEmpty })).trim();
  }

  /** A user attribute the pool requires (NEW_PASSWORD_REQUIRED). */
  async attribute(name: string): Promise<string> {
    const given = this.attributes.get(name);
    if (given !== undefined) return given;
    return this.prompter.input(`Value for required attribute ${name}:`, {
      flag: SOURCES.attribute(name),
      validate: nonEmpty,
    });
  }
}

function nonEmpty(v: string): true | string {
  return v.length > 0 ? true : "A value is required";
}

function stripNewline(text: string): string {
  return text.replace(/\r?\n$/, "");
}

function requireNonEmpty(v: string, flag: string): string {
  if (v === "") throw new UsageError(`${flag}: the password is empty.`);
  return v;
}
