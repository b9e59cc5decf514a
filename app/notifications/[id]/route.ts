import { getActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { openNotification } from "@/lib/notifications/mutations";

// « Ouvrir » in the list: marks the notification read, then goes where it leads (a path of this site only,
// see notificationTarget). A plain link, never prefetched (the list uses <a>, not next/link), so that only a
// click marks it read. The address given is relative: the browser resolves it on the site it is on.
const seeOther = (location: string) =>
  new Response(null, { status: 303, headers: { location, "cache-control": "private, no-store" } });

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await getActor();
  if (!actor)
    return seeOther(
      `/connexion?callbackUrl=${encodeURIComponent(`/notifications/${encodeURIComponent(id)}`)}`,
    );
  try {
    return seeOther(await openNotification(actor, id));
  } catch (error) {
    // Another person's notification, or none: the list says so (as not found, never as forbidden).
    if (error instanceof AppError && error.code === "NOT_FOUND")
      return seeOther("/notifications?introuvable=1");
    throw error;
  }
}
