import type { ReactNode } from "react";
import { requireSpace } from "@/lib/auth/session";
import { AdminNav } from "./admin-nav";

// Checked here, above the loading boundary of the pages, so that a refusal answers 404 (not 200).
export default async function Layout({ children }: { children: ReactNode }) {
  await requireSpace("space.admin", "/admin");
  return (
    <div className="fr-container fr-pt-4w">
      <AdminNav />
      {children}
    </div>
  );
}
