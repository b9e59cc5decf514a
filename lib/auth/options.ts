import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { clientIp } from "@/lib/auth/client-ip";
import { SIGN_IN_ERROR } from "@/lib/auth/messages";
import type { RoleGrant } from "@/lib/auth/policy";
import { authenticate } from "@/lib/auth/sign-in";
import { authEnv } from "@/lib/env";

const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

// Sessions are signed JWTs (stateless servers); each request reloads the user from the database
// (lib/auth/session.ts), so a deactivation or a change of roles applies at once.
export const authOptions: NextAuthOptions = {
  get secret() {
    return authEnv().NEXTAUTH_SECRET;
  },
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/connexion", error: "/connexion" },
  providers: [
    CredentialsProvider({
      name: "Adresse e-mail",
      credentials: {
        email: { label: "Adresse e-mail", type: "email" },
        password: { label: "Mot de passe", type: "password" },
      },
      async authorize(credentials, req) {
        const outcome = await authenticate(
          { email: credentials?.email, password: credentials?.password },
          clientIp(req?.headers),
        );
        if (outcome.ok) return { ...outcome.user };
        if (outcome.reason === "LOCKED")
          throw new Error(`${SIGN_IN_ERROR.locked}:${outcome.retryAfterSeconds}`);
        if (outcome.reason === "UNVERIFIED") throw new Error(SIGN_IN_ERROR.unverified);
        return null;
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        const signedIn = user as unknown as { sessionVersion: number; roles: RoleGrant[] };
        token.sv = signedIn.sessionVersion;
        token.roles = signedIn.roles;
      }
      return token;
    },
    async session({ session, token }) {
      if (session.user) {
        session.user.id = token.uid as string;
        session.user.sessionVersion = token.sv as number;
        session.user.roles = (token.roles as RoleGrant[] | undefined) ?? [];
      }
      return session;
    },
  },
};
