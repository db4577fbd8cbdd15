// What a sign-in shows a person: progress lines and the TOTP enrolment screen, on stderr and only on
// a terminal (the QR code and the setup key hold the TOTP secret: they are shown because the person
// is setting up their authenticator, never written to a pipe or a log).
import type { Context } from "../kernel/context.js";
import type { LoginUi } from "./types.js";

export function createLoginUi(ctx: Pick<Context, "io" | "printer">): LoginUi {
  return {
    info: (message) => ctx.printer.info(message),
    async showTotpSetup(uri, secret) {
      if (!ctx.io.stderr.isTTY) return;
      const QRCode = (await import("qrcode")).default;
      // Half-block characters (two modules per cell) and the lowest error correction (a screen is a
      // clean surface) keep the code, the key and the prompt within an 80x24 terminal.
      const qr = await QRCode.toString(uri, { type: "terminal", small: true, errorCorrectionLevel: "L" });
      const key = secret.replace(/(.{4})(?=.)/g, "$1 ");
      // The renderer ends each row with a colour reset and a newline, then sets the colours again
      // for a row that never comes: dropped, so the key's line starts clean.
      const rows = qr.slice(0, qr.lastIndexOf("\n") + 1);
      ctx.io.stderr.write(
        `Scan this QR code with your authenticator app, or type the key below:\n${rows}  ${key}\n`,
      );
    },
  };
}
