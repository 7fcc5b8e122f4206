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
    role: z.enum(["STAFF", "ADMIN"], { errorMap: () => ({ message: "error.invalidChoice" }) }),
  })
  .superRefine(checkPassword);

export type SignupInput = z.infer<typeof signupSchema>;
export type StaffAccountInput = z.infer<typeof staffAccountSchema>;
