import "server-only";
import type { Actor } from "@/lib/auth/policy";
import { actorOrThrow } from "@/lib/auth/session";
import { type ActionResult, toActionFailure } from "@/lib/errors";

/**
 * The body of every server action: the session's user (re-read from the database), then the command,
 * which parses its input and asks the policy itself; any failure becomes a small French result.
 */
export async function runAsActor<T>(
  command: (actor: Actor) => Promise<T>,
): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await command(await actorOrThrow()) };
  } catch (error) {
    return toActionFailure(error);
  }
}

/** The same for the few actions open to signed-out visitors (account activation). */
export async function runPublic<T>(command: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await command() };
  } catch (error) {
    return toActionFailure(error);
  }
}
