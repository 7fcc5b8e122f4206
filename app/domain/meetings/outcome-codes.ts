// Outcome codes shared by the outcome form (client) and the domain (server).
export const OUTCOME_RESULTS = ["INTENT_TO_INVEST", "LETTER_OF_INTENT", "FOLLOW_UP", "NEED_INFO", "NOT_A_FIT"] as const;
export const OUTCOME_CURRENCIES = ["CNY", "USD", "EUR", "HKD", "JPY", "GBP"] as const;
/** Results that count as interest (matching signal, "positive outcome" in reports). */
export const POSITIVE_RESULTS: readonly string[] = ["INTENT_TO_INVEST", "LETTER_OF_INTENT", "FOLLOW_UP"];
