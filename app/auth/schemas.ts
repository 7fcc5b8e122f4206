import { z, type RefinementCtx } from "zod";
import { SIGNUP_TYPES } from "./account-types";
import { passwordIssue, passwordShapeIssue, PASSWORD_MAX_CHARS } from "./password-policy.server";

const email = z.string().trim().toLowerCase().min(1, "error.required").max(254, "error.email").email("error.email");
const name = z.string().trim().min(1, "error.required").max(80, "error.tooLong");

/** A password being chosen: length and whitespace here; the rest needs the email and name (below). */
const newPassword = z.string().superRefine((p, ctx) => {
  const issue = passwordShapeIssue(p);
  if (issue) ctx.addIssue({ code: "custom", message: issue });
});
/** The rest of the password rule (ADR 003), once the password's shape is right. */
const checkPassword = (v: { password: string; email: string; name: string }, ctx: RefinementCtx) => {
  if (passwordShapeIssue(v.password)) return;
  const issue = passwordIssue(v.password, v);
  if (issue) ctx.addIssue({ code: "custom", path: ["password"], message: issue });
};

export const signupSchema = z
  .object({
    name,
    email,
    password: newPassword,
    accountType: z.enum(SIGNUP_TYPES, { errorMap: () => ({ message: "error.invalidChoice" }) }),
    orgName: z.string().trim().max(120, "error.tooLong").optional().default(""),
  })
  .refine((v) => v.accountType === "visitor" || v.orgName.length > 0, {
    path: ["orgName"],
    message: "error.orgRequired",
  })
  .superRefine(checkPassword);

export const loginSchema = z.object({
  email,
  password: z.string().min(1, "error.required").max(PASSWORD_MAX_CHARS, "error.passwordLong"),
});
export const forgotSchema = z.object({ email });
/** The account behind the reset link is known only to the domain, which checks the rest (resetPassword). */
export const resetSchema = z.object({ password: newPassword });

export const staffAccountSchema = z
  .object({
    name,
    email,
    password: newPassword,
    role: z.enum(["STAFF", "ADMIN", "BUREAU_ADMIN", "VIEWER"], {
      errorMap: () => ({ message: "error.invalidChoice" }),
    }),
    /** The bureau a staff member, bureau admin or viewer joins (ADR 028; createStaffAccount refuses
     * a bureau role without a known bureau); not for platform admins. */
    bureauId: z.string().trim().max(64, "error.tooLong").optional(),
  })
  .superRefine(checkPassword);

/** A bureau admin invites a member of their own bureau (ADR 028). */
export const bureauMemberSchema = z
  .object({
    name,
    email,
    password: newPassword,
    role: z.enum(["STAFF", "BUREAU_ADMIN", "VIEWER"], { errorMap: () => ({ message: "error.invalidChoice" }) }),
  })
  .superRefine(checkPassword);

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$/;
/** A platform admin creates a bureau with its first admin (ADR 028). */
export const bureauSchema = z
  .object({
    nameZh: z.string().trim().min(1, "error.required").max(120, "error.tooLong"),
    nameEn: z.string().trim().min(1, "error.required").max(120, "error.tooLong"),
    slug: z
      .string()
      .trim()
      .toLowerCase()
      .min(1, "error.required")
      .max(60, "error.tooLong")
      .regex(SLUG, "bureau.error.slug"),
    level: z.enum(["PROVINCE", "CITY", "DISTRICT"], { errorMap: () => ({ message: "error.invalidChoice" }) }),
    parentId: z.string().trim().max(64, "error.tooLong").optional(),
    region: z.string().trim().max(40, "error.tooLong").optional(),
    name,
    email,
    password: newPassword,
  })
  .superRefine(checkPassword);
export type BureauInput = z.infer<typeof bureauSchema>;
export type BureauMemberInput = z.infer<typeof bureauMemberSchema>;

export type SignupInput = z.infer<typeof signupSchema>;
export type StaffAccountInput = z.infer<typeof staffAccountSchema>;
