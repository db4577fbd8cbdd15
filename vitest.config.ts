import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // End-to-end suites start their own endpoints on port 0; two cores, so keep forks modest.
    pool: "forks",
    maxWorkers: 2,
  },
});
