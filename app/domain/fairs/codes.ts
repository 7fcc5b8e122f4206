// Coded values shown through i18n labels (sector.*, region.*, stage.*). Shared by forms and seed.
export const SECTOR_CODES = [
  "new-energy",
  "biomedicine",
  "semiconductors",
  "advanced-manufacturing",
  "digital-economy",
] as const;
export const REGION_CODES = [
  "nanjing",
  "suzhou",
  "wuxi",
  "changzhou",
  "nantong",
  "yangzhou",
  "xuzhou",
  "shanghai",
  "hangzhou",
  "shenzhen",
  "beijing",
  "hongkong",
  "singapore",
] as const;
export const STAGE_CODES = ["SEED", "ANGEL", "SERIES_A", "SERIES_B", "GROWTH", "PRE_IPO"] as const;
export const CURRENCIES = ["CNY", "USD", "EUR", "HKD"] as const;
