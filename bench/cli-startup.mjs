// Issue 2's benchmark: the cost of one `cogctl list-user-pools --max-results 10` invocation against
// moto_server, side by side in one run with a bare SDK script doing the same call and with the AWS
// CLI v2 (Debian's /usr/bin/aws) when installed. Runs alternate, medians are reported.
// Usage: node bench/cli-startup.mjs [runs]   (needs `npm run build` first)
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const runs = Number(process.argv[2] ?? 21);

async function startMoto() {
  const child = spawn("moto_server", ["-H", "127.0.0.1", "-p", "0"], { stdio: ["ignore", "pipe", "pipe"] });
  const url = await new Promise((resolve, reject) => {
    let seen = "";
    const onData = (c) => {
      seen += c;
      const m = /Running on (http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
      if (m) resolve(m[1]);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", () => reject(new Error(seen)));
  });
  return { url, stop: () => child.kill() };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

const moto = await startMoto();
const env = {
  ...process.env,
  AWS_ACCESS_KEY_ID: "bench",
  AWS_SECRET_ACCESS_KEY: "bench",
  AWS_REGION: "us-east-1",
  AWS_DEFAULT_REGION: "us-east-1",
  AWS_PAGER: "",
  AWS_CONFIG_FILE: "/nonexistent",
  AWS_SHARED_CREDENTIALS_FILE: "/nonexistent",
};
const contenders = [
  {
    name: "cogctl",
    cmd: [
      process.execPath,
      join(root, "bin", "cogctl"),
      "--endpoint-url",
      moto.url,
      "list-user-pools",
      "--max-results",
      "10",
    ],
  },
  {
    name: "bare SDK script",
    cmd: [process.execPath, join(root, "bench", "bare-sdk-list-user-pools.mjs"), moto.url],
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
spawnSync(
  contenders[0].cmd[0],
  [...contenders[0].cmd.slice(1, 4), "create-user-pool", "--pool-name", "bench"],
  { env },
);
const times = Object.fromEntries(contenders.map((c) => [c.name, []]));
for (const c of contenders) spawnSync(c.cmd[0], c.cmd.slice(1), { env });
for (let i = 0; i < runs; i++) {
  for (const c of contenders) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(c.cmd[0], c.cmd.slice(1), { env, encoding: "utf8" });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0) throw new Error(`${c.name} failed: ${r.stderr}`);
    times[c.name].push(ms);
  }
}
moto.stop();

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
