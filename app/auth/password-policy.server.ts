// Which new passwords we accept (ADR 003): sign-up, password reset and staff/admin accounts.
//   - at least 10 characters besides whitespace, and no more whitespace than other characters;
//   - not the email's local part, and not containing it (when it is 4+ characters long);
//   - hard to guess: zxcvbn-ts (its common-password list, keyboard patterns, sequences, repeats,
//     dates, l33t, plus the user's own email and name) must estimate at least 10^8 guesses (score 3).
// Server-only: the dictionaries weigh a few MB and load on first use (~0.3 s).
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";

export const PASSWORD_MIN_CHARS = 10;
export const PASSWORD_MAX_CHARS = 128;
/** zxcvbn's score 3: "safely unguessable, moderate protection from an offline slow-hash attack". */
export const PASSWORD_MIN_SCORE = 3;

export type PasswordIssue =
  | "error.passwordShort"
  | "error.passwordLong"
  | "error.passwordSpaces"
  | "error.passwordHasEmail"
  | "error.passwordWeak";

// The package's lists are Western. Patterns that top Chinese leaked-password lists (love numbers,
// pinyin phrases, the most common surnames and cities) are added as one more ranked dictionary.
const PINYIN = [
  "woaini", "5201314", "1314520", "woaini1314", "aini", "1314", "520", "wojiushiwo", "woaiwojia", "zhongguo",
  "qq123456", "dearbook", "xiazhili", "mima", "woshishui", "laopo", "laogong", "baobei", "tiantian", "kuaile",
  "xingfu", "wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun", "ma", "zhu",
  "hu", "guo", "he", "lin", "gao", "luo", "zheng", "liang", "xie", "song", "tang", "han", "feng", "deng", "cao",
  "peng", "zeng", "xiao", "tian", "dong", "pan", "yuan", "cai", "jiang", "yu", "du", "ye", "cheng", "wei", "su",
  "lu", "ding", "ren", "shen", "yao", "jing", "hui", "ming", "hong", "jun", "ling", "fang", "ping", "qiang", "lei",
  "yan", "hua", "jie", "xin", "bo", "tao", "beijing", "shanghai", "nanjing", "jiangsu", "suzhou", "wuxi",
  "changzhou", "hangzhou", "shenzhen", "guangzhou", "tianjin", "chongqing", "wuhan", "chengdu", "xian", "qingdao",
  "zhanhui", "touzi", "qiatan", "shangwu", "zhaoshang",
]; // prettier-ignore

let estimator: ZxcvbnFactory | null = null;
function strength(): ZxcvbnFactory {
  // maxLength/l33tMaxSubstitutions bound the work: a 128-character password takes ≤ ~70 ms, not 1.5 s.
  estimator ??= new ZxcvbnFactory({
    graphs: adjacencyGraphs,
    dictionary: { ...dictionary, "pinyin-zh": PINYIN },
    maxLength: 40,
    l33tMaxSubstitutions: 20,
  });
  return estimator;
}

const chars = (s: string) => [...s].length;
const localPart = (email: string) => email.slice(0, Math.max(0, email.lastIndexOf("@"))).toLowerCase();

/** Length and whitespace: cheap, needs nothing but the password. */
export function passwordShapeIssue(password: string): PasswordIssue | null {
  const total = chars(password);
  if (total > PASSWORD_MAX_CHARS) return "error.passwordLong";
  const visible = chars(password.replace(/\s/gu, ""));
  if (visible === 0 || visible * 2 < total) return "error.passwordSpaces";
  if (visible < PASSWORD_MIN_CHARS) return "error.passwordShort";
  return null;
}

/** The whole rule; `who` is the account's email and name, when known. */
export function passwordIssue(password: string, who: { email?: string; name?: string } = {}): PasswordIssue | null {
  const shape = passwordShapeIssue(password);
  if (shape) return shape;
  const local = who.email ? localPart(who.email) : "";
  if (chars(local) >= 4 && password.toLowerCase().includes(local)) return "error.passwordHasEmail";
  const inputs = [who.email, local, who.name, ...(who.name?.split(/\s+/u) ?? [])].filter(
    (s): s is string => !!s && s.length >= 3,
  );
  return strength().check(password, inputs).score < PASSWORD_MIN_SCORE ? "error.passwordWeak" : null;
}
