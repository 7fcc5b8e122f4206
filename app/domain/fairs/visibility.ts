import type { BoothStatus, PaymentStatus } from "~/generated/prisma/enums";

/** A booth is public when approved and its fee is settled (free, paid or waived). */
export function isBoothPublic(status: BoothStatus, paymentStatus: PaymentStatus): boolean {
  return (
    status === "APPROVED" &&
    (paymentStatus === "NOT_REQUIRED" || paymentStatus === "PAID" || paymentStatus === "WAIVED")
  );
}
