// The two real endpoints end-to-end suites of task commands run against: the embedded endpoint
// over HTTP on port 0, and moto_server on a free port. Each start() gives a fresh one.
import { startLocal } from "./local-server.js";
import { startMoto } from "./moto.js";

export interface Endpoint {
  url: string;
  close(): Promise<void>;
}

export const endpoints: [string, () => Promise<Endpoint>][] = [
  [
    "embedded endpoint",
    async () => {
      const local = await startLocal();
      return { url: local.server.url, close: () => local.close() };
    },
  ],
  [
    "moto_server",
    async () => {
      const moto = await startMoto();
      return { url: moto.url, close: () => moto.stop() };
    },
  ],
];
