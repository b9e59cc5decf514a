import type { ReactNode } from "react";
import { requireSpace } from "@/lib/auth/session";

// Checked here, above the loading boundary of the pages, so that a refusal answers 404 (not 200).
export default async function Layout({ children }: { children: ReactNode }) {
  await requireSpace("space.cna", "/cna");
  return children;
}
