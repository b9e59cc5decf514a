import "server-only";
import { assertCan, type Actor } from "@/lib/auth/policy";
import { db } from "@/lib/db";
import { paged } from "@/lib/pagination";

/** The acting user as the policy sees them, or null when unknown, deactivated or signed out since. */
export async function loadActor(userId: string, sessionVersion: number): Promise<Actor | null> {
  const user = await db().user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, active: true, sessionVersion: true, roles: { select: { role: true, regionCode: true } } },
  });
  if (!user || !user.active || user.sessionVersion !== sessionVersion) return null;
  return { id: user.id, email: user.email, name: user.name, active: user.active, roles: user.roles };
}

export function findCredentials(email: string) {
  return db().user.findUnique({
    where: { email },
    select: {
      id: true,
      email: true,
      name: true,
      passwordHash: true,
      active: true,
      sessionVersion: true,
      emailVerifiedAt: true,
      roles: { select: { role: true, regionCode: true } },
    },
  });
}

/** One page of the users, for administrators. */
export async function listUsers(actor: Actor, page: { page: number; size: number; skip: number }) {
  assertCan(actor, "user.manage");
  const [items, total] = await Promise.all([
    db().user.findMany({
      orderBy: [{ name: "asc" }, { id: "asc" }],
      skip: page.skip,
      take: page.size,
      select: { id: true, email: true, name: true, active: true, roles: { select: { role: true, regionCode: true } } },
    }),
    db().user.count(),
  ]);
  return paged(items, total, page.page, page.size);
}
