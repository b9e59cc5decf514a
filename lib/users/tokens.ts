import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { TokenPurpose } from "@/lib/generated/prisma/enums";

const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");

/** A one-time token for a link sent by e-mail; only its hash is stored. Returns the token itself. */
export async function issueUserToken(
  tx: Tx,
  userId: string,
  purpose: TokenPurpose,
  ttlHours: number,
  now = new Date(),
): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  // A new link replaces the previous ones of the same purpose.
  await tx.userToken.updateMany({
    where: { userId, purpose, usedAt: null },
    data: { usedAt: now },
  });
  await tx.userToken.create({
    data: {
      userId,
      purpose,
      tokenHash: hashOf(token),
      expiresAt: new Date(now.getTime() + ttlHours * 3_600_000),
    },
  });
  return token;
}

/** Uses a token once; refuses an unknown, used or expired one with the same message. */
export async function consumeUserToken(
  tx: Tx,
  token: string,
  purpose: TokenPurpose,
  now = new Date(),
) {
  const row = await tx.userToken.findUnique({ where: { tokenHash: hashOf(token) } });
  if (!row || row.purpose !== purpose || row.usedAt || row.expiresAt <= now) {
    throw new AppError(
      "INVALID_STATE",
      "Ce lien n'est plus valide : il a déjà servi ou a expiré. Demandez-en un nouveau.",
    );
  }
  const used = await tx.userToken.updateMany({
    where: { id: row.id, usedAt: null },
    data: { usedAt: now },
  });
  if (used.count !== 1) throw new AppError("INVALID_STATE", "Ce lien a déjà servi.");
  return row;
}

/** Whether a token is still usable (to show the form or an explanation), without using it. */
export async function peekUserToken(
  tx: Tx,
  token: string,
  purpose: TokenPurpose,
  now = new Date(),
) {
  const row = await tx.userToken.findUnique({
    where: { tokenHash: hashOf(token) },
    include: { user: { select: { email: true, name: true } } },
  });
  return row && row.purpose === purpose && !row.usedAt && row.expiresAt > now ? row : null;
}
