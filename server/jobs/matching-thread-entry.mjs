// The worker thread's module (server/jobs/matching-thread.ts): registers tsx under its own namespace
// and hands piscina the allocation (app/domain/recommendations/allocate.ts, which imports only matching/).
import { register } from "tsx/esm/api";

const tsx = register({ namespace: "cloudfair-matching-thread" });
const { allocateLists } = await tsx.import("../../app/domain/recommendations/allocate.ts", import.meta.url);
export default allocateLists;
