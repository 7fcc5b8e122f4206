// Every catalog, for server-side translation (action errors, notifications, mails, exports).
// Server-only so that no page bundles all of them by accident.
import type { KeyOf } from "./catalog";
import { translator, type Translate } from "./index";
import type { Locale } from "./locale";
import { agendaCatalog } from "./catalog/agenda";
import { boothsCatalog } from "./catalog/booths";
import { bureausCatalog } from "./catalog/bureaus";
import { chatCatalog } from "./catalog/chat";
import { coreCatalog } from "./catalog/core";
import { dashboardCatalog } from "./catalog/dashboard";
import { edgeCatalog } from "./catalog/edge";
import { jobsCatalog } from "./catalog/jobs";
import { mailCatalog } from "./catalog/mail";
import { matchingCatalog } from "./catalog/matching";
import { meetingsCatalog } from "./catalog/meetings";
import { onboardingCatalog } from "./catalog/onboarding";
import { privacyCatalog } from "./catalog/privacy";
import { privacyNoticeCatalog } from "./catalog/privacy-notice";
import { roadshowsCatalog } from "./catalog/roadshows";
import { searchCatalog } from "./catalog/search";
import { staffCatalog } from "./catalog/staff";
import { videoCatalog } from "./catalog/video";

export const ALL_CATALOGS = [
  coreCatalog,
  agendaCatalog,
  boothsCatalog,
  bureausCatalog,
  chatCatalog,
  dashboardCatalog,
  edgeCatalog,
  jobsCatalog,
  mailCatalog,
  matchingCatalog,
  meetingsCatalog,
  onboardingCatalog,
  privacyCatalog,
  privacyNoticeCatalog,
  roadshowsCatalog,
  searchCatalog,
  staffCatalog,
  videoCatalog,
] as const;

export type MessageKey = KeyOf<(typeof ALL_CATALOGS)[number]>;

/** The server's translator: every catalog, in the given locale. */
export function serverTranslator(locale: Locale): Translate {
  return translator(locale, ALL_CATALOGS);
}
