"use server";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { runAsActor, runPublic } from "@/lib/actions/run";
import { clientIp } from "@/lib/auth/client-ip";
import type { RoleGrant } from "@/lib/auth/policy";
import {
  activateAccount,
  changePassword,
  confirmEmail,
  deactivateUser,
  inviteUser,
  reactivateUser,
  requestPasswordReset,
  resendVerification,
  resetPassword,
  setUserRoles,
  signUp,
  updateProfile,
} from "@/lib/users/mutations";
import type { InviteUserInput, SignUpInput } from "@/lib/users/schema";

/** The key of rate limits of signed-out visitors: their address as the trusted proxy saw it. */
async function clientKey(): Promise<string> {
  return clientIp(Object.fromEntries(await headers())) ?? "adresse-inconnue";
}

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

export async function activateAccountAction(values: {
  token: string;
  password: string;
  confirmation: string;
}) {
  return runPublic(async () => {
    await activateAccount(values);
  });
}

export async function signUpAction(values: SignUpInput) {
  return runPublic(async () => signUp(values, await clientKey()));
}

export async function resendVerificationAction(values: { email: string }) {
  return runPublic(async () => resendVerification(values, await clientKey()));
}

export async function confirmEmailAction(token: string) {
  return runPublic(() => confirmEmail(token));
}

export async function requestPasswordResetAction(values: { email: string }) {
  return runPublic(async () => requestPasswordReset(values, await clientKey()));
}

export async function resetPasswordAction(values: {
  token: string;
  password: string;
  confirmation: string;
}) {
  return runPublic(() => resetPassword(values));
}

export async function updateProfileAction(values: { name: string }) {
  return runAsActor(async (actor) => {
    await updateProfile(actor, values);
    revalidatePath("/", "layout");
  });
}

export async function changePasswordAction(values: {
  current: string;
  password: string;
  confirmation: string;
}) {
  return runAsActor((actor) => changePassword(actor, values));
}
