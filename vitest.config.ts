import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // End-to-end suites start their own endpoints on port 0; two cores, so keep forks modest.
    pool: "forks",
    maxWorkers: 2,
    // Tests that build SDK clients directly would print the SDK's Node 20 support notice each time.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  },
});
