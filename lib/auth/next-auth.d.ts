import "next-auth";
import type { RoleGrant } from "@/lib/auth/policy";

declare module "next-auth" {
  interface Session {
    user?: {
      id: string;
      sessionVersion: number;
      roles: RoleGrant[];
      name?: string | null;
      email?: string | null;
    };
  }
}
