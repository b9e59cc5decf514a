import { redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { homeOf } from "@/lib/auth/spaces";

// Where a user lands after signing in: their (first) space.
export default async function AfterSignInPage() {
  const actor = await requireActor("/apres-connexion");
  redirect(homeOf(actor));
}
