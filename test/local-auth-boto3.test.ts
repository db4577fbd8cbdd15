// botocore's own serialisation and error parsing against the authentication operations.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type LocalHarness, startLocal } from "./helpers/local-server.js";
import { requireTool } from "./helpers/tools.js";

let h: LocalHarness;
beforeAll(async () => {
  requireTool("python3");
  h = await startLocal();
});
afterAll(async () => {
  await h.close();
});

it("boto3 signs in, reads the user, refreshes, signs out and is then refused", async () => {
  const { stdout } = await promisify(execFile)("python3", ["test/fixtures/boto3-auth.py", h.server.url], {
    timeout: 60_000,
  });
  const out = JSON.parse(stdout);
  expect(out.username).toBe("py");
  expect(out.expires_in).toBe(3600);
  expect(out.token_type).toBe("Bearer");
  expect(out.devices).toEqual([]);
  expect(out.refreshed_has_refresh).toBe(false);
  expect(out.wrong).toEqual(["NotAuthorizedException", "Incorrect username or password."]);
  expect(out.after_sign_out).toEqual(["NotAuthorizedException", "Access Token has been revoked"]);
});
