// Strings every page may use: navigation, errors, coded values (sectors, regions, stages…), home,
// login and the dashboard. Pages add the catalogs of their own features to these.
import { defineCatalog } from "../catalog";
import { coreEn } from "./core.en";
import { coreZh } from "./core.zh-CN";

export const coreCatalog = defineCatalog("core", coreZh, coreEn);
