import "server-only";
import { db } from "@/lib/db";
import { peekUserToken } from "@/lib/users/tokens";

/** Who an activation link is for, or null when it is unknown, used or expired. */
export async function invitationOf(token: string) {
  const row = await db().$transaction((tx) => peekUserToken(tx, token, "INVITATION"));
  return row ? { name: row.user.name, email: row.user.email } : null;
}
