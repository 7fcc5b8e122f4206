import { z } from "zod";
import { SIGNUP_TYPES } from "./account-types";

const email = z.string().trim().toLowerCase().min(1, "error.required").max(254, "error.email").email("error.email");
const password = z.string().min(8, "error.passwordShort").max(128, "error.passwordLong");
const name = z.string().trim().min(1, "error.required").max(80, "error.tooLong");

export const signupSchema = z
  .object({
    name,
    email,
    password,
    accountType: z.enum(SIGNUP_TYPES, { errorMap: () => ({ message: "error.invalidChoice" }) }),
    orgName: z.string().trim().max(120, "error.tooLong").optional().default(""),
  })
  .refine((v) => v.accountType === "visitor" || v.orgName.length > 0, {
    path: ["orgName"],
    message: "error.orgRequired",
  });

export const loginSchema = z.object({
  email,
  password: z.string().min(1, "error.required").max(128, "error.passwordLong"),
});
export const forgotSchema = z.object({ email });
export const resetSchema = z.object({ password });

export const staffAccountSchema = z.object({
  name,
  email,
  password,
  role: z.enum(["STAFF", "ADMIN"], { errorMap: () => ({ message: "error.invalidChoice" }) }),
});

export type SignupInput = z.infer<typeof signupSchema>;
export type StaffAccountInput = z.infer<typeof staffAccountSchema>;
