// What a sign-in shows a person: progress lines and the TOTP enrolment screen, on stderr and only on
// a terminal (the otpauth:// URI holds the TOTP secret: it is shown because the person is setting
// up their authenticator, never written to a pipe or a log).
import type { Context } from "../context/context.js";
import type { LoginUi } from "./types.js";

export function createLoginUi(ctx: Pick<Context, "io" | "printer">): LoginUi {
  return {
    info: (message) => ctx.printer.info(message),
    async showTotpSetup(uri) {
      if (!ctx.io.stderr.isTTY) return;
      const QRCode = (await import("qrcode")).default;
      const qr = await QRCode.toString(uri, { type: "terminal", small: true });
      ctx.io.stderr.write(
        `\nScan this QR code with your authenticator app, or enter the URI by hand:\n\n${qr}\n${uri}\n\n`,
      );
    },
  };
}
