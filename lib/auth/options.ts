import "server-only";
import { cookies } from "next/headers";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { clientIp } from "@/lib/auth/client-ip";
import { deviceCookieName, deviceProof } from "@/lib/auth/device";
import { SIGN_IN_ERROR } from "@/lib/auth/messages";
import type { RoleGrant } from "@/lib/auth/policy";
import { SECURE_SESSION_COOKIE, SESSION_COOKIE } from "@/lib/auth/session-token";
import { authenticate } from "@/lib/auth/sign-in";
import { authEnv, servedOverHttps } from "@/lib/env";
import { endSessions } from "@/lib/users/mutations";

const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

/** This browser signed in to the account: failures made elsewhere will not lock it out (lib/auth/device.ts). */
async function rememberDevice(email: string): Promise<void> {
  const secure = servedOverHttps();
  const { value, maxAge } = deviceProof(email, authEnv().NEXTAUTH_SECRET);
  (await cookies()).set(deviceCookieName(email, secure), value, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure,
    maxAge,
  });
}

// Sessions are signed JWTs (stateless servers); each request reloads the user from the database
// (lib/auth/session.ts), so a deactivation or a change of roles applies at once.
export const authOptions: NextAuthOptions = {
  get secret() {
    return authEnv().NEXTAUTH_SECRET;
  },
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  // Served over https (always in production, lib/config-checks.ts), every cookie is Secure and the session's
  // is a `__Host-` one: sent to this host only, never set by a sub-domain.
  get useSecureCookies() {
    return servedOverHttps();
  },
  get cookies() {
    const secure = servedOverHttps();
    return {
      sessionToken: {
        name: secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE,
        options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure },
      },
    };
  },
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
          String(req?.headers?.cookie ?? ""),
        );
        if (outcome.ok) {
          await rememberDevice(outcome.user.email);
          return { ...outcome.user };
        }
        if (outcome.reason === "LOCKED")
          throw new Error(
            `${outcome.accountWide ? SIGN_IN_ERROR.lockedAccount : SIGN_IN_ERROR.locked}:${outcome.retryAfterSeconds}`,
          );
        if (outcome.reason === "UNVERIFIED") throw new Error(SIGN_IN_ERROR.unverified);
        return null;
      },
    }),
  ],
  // Signing out ends the person's sessions on the server too: a copy of the cookie is refused from then on.
  events: {
    async signOut({ token }) {
      if (typeof token?.uid === "string") await endSessions(token.uid);
    },
  },
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
