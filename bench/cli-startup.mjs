// Issue 2's benchmark: the cost of one `cogctl list-user-pools --max-results 10` invocation against
// moto_server, side by side in one run with a bare SDK script doing the same call and with the AWS
// CLI v2 (Debian's /usr/bin/aws) when installed. Runs alternate, medians are reported.
// Usage: node bench/cli-startup.mjs [runs]   (needs `npm run build` first)
import { existsSync } from "node:fs";
import { join } from "node:path";
import { BIN, benchEnv, median, ROOT, startMoto, timedSync } from "./lib.mjs";

const runs = Number(process.argv[2] ?? 21);

const moto = await startMoto();
const env = benchEnv();
const contenders = [
  {
    name: "cogctl",
    cmd: [process.execPath, BIN, "--endpoint-url", moto.url, "list-user-pools", "--max-results", "10"],
  },
  {
    name: "bare SDK script",
    cmd: [process.execPath, join(ROOT, "bench", "bare-sdk-list-user-pools.mjs"), moto.url],
  },
];
if (existsSync("/usr/bin/aws")) {
  contenders.push({
    name: "aws cli v2",
    cmd: [
      "/usr/bin/aws",
      "cognito-idp",
      "--endpoint-url",
      moto.url,
      "list-user-pools",
      "--max-results",
      "10",
    ],
  });
}
// Something to list, and a warm-up of each (disk cache, moto's first-request cost).
timedSync(
  contenders[0].cmd[0],
  [...contenders[0].cmd.slice(1, 4), "create-user-pool", "--pool-name", "bench"],
  {
    env,
    check: false,
  },
);
const times = Object.fromEntries(contenders.map((c) => [c.name, []]));
try {
  for (const c of contenders) timedSync(c.cmd[0], c.cmd.slice(1), { env, check: false });
  for (let i = 0; i < runs; i++) {
    for (const c of contenders) times[c.name].push(timedSync(c.cmd[0], c.cmd.slice(1), { env }).ms);
  }
} finally {
  await moto.stop();
}

const base = median(times["bare SDK script"]);
const cog = median(times.cogctl);
console.log(`list-user-pools --max-results 10 against moto_server, ${runs} alternating runs each, medians:`);
for (const c of contenders) {
  const m = median(times[c.name]);
  console.log(
    `  ${c.name.padEnd(16)} ${m.toFixed(0).padStart(5)} ms   (min ${Math.min(...times[c.name]).toFixed(0)} ms)`,
  );
}
console.log(`  cogctl / bare SDK = ${(cog / base).toFixed(2)}x   (target <= 1.30x)`);
if (times["aws cli v2"])
  console.log(`  cogctl / aws v2   = ${(cog / median(times["aws cli v2"])).toFixed(2)}x   (target <= 0.35x)`);
