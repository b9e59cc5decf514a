import type { ReactNode } from "react";
import { requireActor } from "@/lib/auth/session";

// Checked here, above the loading boundary of the page, so that a signed-out visitor is redirected by the
// answer itself (not by a page already streamed with status 200).
export default async function Layout({ children }: { children: ReactNode }) {
  await requireActor("/notifications");
  return children;
}
