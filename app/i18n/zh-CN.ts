// The zh-CN catalog: every feature's strings. Feature catalogs live in ./catalog/<feature>.ts
// (zh and en side by side, each typed against the other) so features can grow independently.
import { agendaZh } from "./catalog/agenda";
import { boothsZh } from "./catalog/booths";
import { chatZh } from "./catalog/chat";
import { coreZh } from "./catalog/core.zh-CN";
import { matchingZh } from "./catalog/matching";
import { meetingsZh } from "./catalog/meetings";
import { searchZh } from "./catalog/search";
import { dashboardZh } from "./catalog/dashboard";
import { edgeZh } from "./catalog/edge";
import { staffZh } from "./catalog/staff";
import { videoZh } from "./catalog/video";

export const zhCN = {
  ...coreZh,
  ...agendaZh,
  ...chatZh,
  ...boothsZh,
  ...matchingZh,
  ...meetingsZh,
  ...searchZh,
  ...staffZh,
  ...dashboardZh,
  ...edgeZh,
  ...videoZh,
} as const;

export type MessageKey = keyof typeof zhCN;
export type Messages = Record<MessageKey, string>;
