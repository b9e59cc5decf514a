import { SiteHeaderBar } from "@/components/layout/site-header-bar";
import { getActor } from "@/lib/auth/session";
import { unreadNotificationCount } from "@/lib/notifications/inbox";

export type HeaderProps = {
  user: { name: string } | null;
  spaces: { href: string; label: string }[];
};

/**
 * The header, rendered on the server with the signed-in person's unread notifications (no request from the
 * browser for the count). The session's user is the layout's, read once per request (getActor is cached).
 */
export async function SiteHeader({ user, spaces }: HeaderProps) {
  const actor = user ? await getActor() : null;
  const unread = actor ? await unreadNotificationCount(actor) : 0;
  return <SiteHeaderBar user={user} spaces={spaces} unread={unread} />;
}
