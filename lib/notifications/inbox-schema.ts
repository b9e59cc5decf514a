// The form of a person's e-mail preferences (« Mon compte »): zod only, shared by the form and the server.

import {
  kindSpec,
  NOTIFICATION_KINDS,
  type NotificationKind,
  OPTIONAL_KINDS,
} from "@/lib/notifications/kinds";
import * as z from "@/lib/zod";

const refusal = (kind: string) => {
  const spec = kindSpec(kind);
  return spec
    ? `« ${spec.label} » est toujours envoyé par e-mail : ce message ne peut pas être désactivé.`
    : "Type de notification inconnu.";
};

/** The optional kinds the person does not want by e-mail; a mandatory or unknown kind is refused by name. */
export const emailPreferencesSchema = z.object({
  optOuts: z
    .array(z.string())
    .max(Object.keys(NOTIFICATION_KINDS).length)
    .superRefine((kinds, ctx) => {
      for (const kind of kinds)
        if (!(OPTIONAL_KINDS as string[]).includes(kind))
          ctx.addIssue({ code: "custom", message: refusal(kind) });
    })
    .transform((kinds) => [...new Set(kinds)].sort() as NotificationKind[]),
});

export type EmailPreferencesInput = z.input<typeof emailPreferencesSchema>;
