// A throwaway redis-server on a free loopback port (installed by scripts/setup). `halt` stops it
// and `resume` starts it again on the same port (fault tests); it keeps nothing on disk, so what
// it held is gone after a halt, as after a real Redis restart without persistence.
import { spawn, type ChildProcess } from "node:child_process";
import { freePort, waitForPort } from "../../server/lib/ports.ts";

export interface TestRedis {
  url: string;
  stop(): Promise<void>;
  halt(): Promise<void>;
  resume(): Promise<void>;
}

const ended = (child: ChildProcess) =>
  new Promise<void>((resolve) =>
    child.exitCode !== null || child.signalCode !== null
      ? resolve()
      : (child.once("exit", () => resolve()), child.kill("SIGTERM")),
  );

export async function startRedis(): Promise<TestRedis> {
  const port = await freePort();
  const start = async () => {
    const child = spawn(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      { stdio: "ignore" },
    );
    await waitForPort(port);
    return child;
  };
  let child = await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () => ended(child),
    halt: () => ended(child),
    async resume() {
      if (child.exitCode === null && child.signalCode === null) return;
      child = await start();
    },
  };
}
