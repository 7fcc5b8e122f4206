import { agendaEn } from "./catalog/agenda";
import { boothsEn } from "./catalog/booths";
import { chatEn } from "./catalog/chat";
import { coreEn } from "./catalog/core.en";
import { matchingEn } from "./catalog/matching";
import { meetingsEn } from "./catalog/meetings";
import { searchEn } from "./catalog/search";
import { dashboardEn } from "./catalog/dashboard";
import { edgeEn } from "./catalog/edge";
import { staffEn } from "./catalog/staff";
import { videoEn } from "./catalog/video";
import type { Messages } from "./zh-CN";

// The English catalog, assembled like zh-CN.ts; `Messages` makes a missing key a type error.
export const en: Messages = {
  ...coreEn,
  ...agendaEn,
  ...chatEn,
  ...boothsEn,
  ...matchingEn,
  ...meetingsEn,
  ...searchEn,
  ...staffEn,
  ...dashboardEn,
  ...edgeEn,
  ...videoEn,
};
