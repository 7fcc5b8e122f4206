// The worker thread's module (server/jobs/matching-thread.ts): registers tsx under its own namespace
// and hands piscina the TypeScript handler.
import { register } from "tsx/esm/api";

const tsx = register({ namespace: "cloudfair-matching-thread" });
const { allocateLists } = await tsx.import("./matching-thread-handler.ts", import.meta.url);
export default allocateLists;
