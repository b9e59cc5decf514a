"use server";
import { revalidatePath } from "next/cache";
import { runAsActor } from "@/lib/actions/run";
import { createApiToken, revokeApiToken } from "@/lib/api/mutations";
import type { CreateTokenInput } from "@/lib/api/schema";

export async function createApiTokenAction(input: CreateTokenInput) {
  return runAsActor(async (actor) => {
    const created = await createApiToken(actor, input);
    revalidatePath("/mon-compte");
    return { token: created.token, prefix: created.prefix };
  });
}

export async function revokeApiTokenAction(tokenId: string) {
  return runAsActor(async (actor) => {
    await revokeApiToken(actor, String(tokenId));
    revalidatePath("/mon-compte");
  });
}
