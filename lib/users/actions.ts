"use server";
import { revalidatePath } from "next/cache";
import { runAsActor, runPublic } from "@/lib/actions/run";
import type { RoleGrant } from "@/lib/auth/policy";
import { activateAccount, deactivateUser, inviteUser, reactivateUser, setUserRoles } from "@/lib/users/admin";
import type { InviteUserInput } from "@/lib/users/schema";

export async function inviteUserAction(values: InviteUserInput) {
  return runAsActor(async (actor) => {
    const user = await inviteUser(actor, values);
    revalidatePath("/admin/utilisateurs");
    return { id: user.id };
  });
}

export async function setUserRolesAction(userId: string, values: { roles: RoleGrant[] }) {
  return runAsActor(async (actor) => {
    await setUserRoles(actor, String(userId), values);
    revalidatePath("/admin/utilisateurs");
  });
}

export async function setUserActiveAction(userId: string, active: boolean) {
  return runAsActor(async (actor) => {
    await (active ? reactivateUser(actor, String(userId)) : deactivateUser(actor, String(userId)));
    revalidatePath("/admin/utilisateurs");
  });
}

export async function activateAccountAction(values: { token: string; password: string; confirmation: string }) {
  return runPublic(async () => {
    await activateAccount(values);
  });
}
