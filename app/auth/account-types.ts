/** Account types a person may choose at sign-up (staff and admins are created by admins). */
export const SIGNUP_TYPES = ["visitor", "exhibitor", "investor"] as const;
