import "server-only";
import { recordAudit } from "@/lib/audit/log";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { conflictOnUnique } from "@/lib/errors";
import { type NewUserInput, newUserSchema } from "@/lib/users/schema";
import { parseInput } from "@/lib/validation";

/**
 * Creates a user with their roles: a building block of the commands that create accounts (sign-up,
 * invitation by an administrator), which check who may call them. `actorId` is the administrator who does it,
 * or null for the system (demo seed, sign-up).
 */
export async function createUser(actorId: string | null, input: NewUserInput) {
  const { email, name, password, emailVerified, roles } = parseInput(newUserSchema, input);
  const passwordHash = password ? await hashPassword(password) : null;
  const duplicate = conflictOnUnique("Un compte existe déjà avec cette adresse e-mail.", "email");
  return db()
    .$transaction(async (tx) => {
      if (await tx.user.findUnique({ where: { email }, select: { id: true } }))
        duplicate({ code: "P2002" });
      const user = await tx.user.create({
        data: {
          email,
          name,
          passwordHash,
          emailVerifiedAt: emailVerified ? new Date() : null,
          roles: { create: roles.map((g) => ({ role: g.role, regionCode: g.regionCode })) },
        },
        select: { id: true, email: true, name: true },
      });
      await recordAudit(tx, {
        actorId,
        action: "user.create",
        entityType: "User",
        entityId: user.id,
        after: { email, name, roles },
      });
      return user;
    })
    .catch(duplicate);
}
