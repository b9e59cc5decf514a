"use server";
import { revalidatePath } from "next/cache";
import { runAsActor } from "@/lib/actions/run";
import { savePole } from "@/lib/poles/mutations";
import type { PoleInput } from "@/lib/poles/schema";

export async function savePoleAction(poleId: string | null, values: PoleInput) {
  return runAsActor(async (actor) => {
    const saved = await savePole(actor, poleId === null ? null : String(poleId), values);
    revalidatePath("/mes-dossiers", "layout");
    return saved;
  });
}
