import type { Actor } from "@/lib/auth/policy";
import { ROLE_LABELS } from "@/lib/auth/spaces";

export function AccountSummary({
  actor,
  regionNames,
}: {
  actor: Actor;
  regionNames: Map<string, string>;
}) {
  return (
    <p>
      Adresse e-mail : <strong>{actor.email}</strong>
      <br />
      Rôle{actor.roles.length > 1 ? "s" : ""} :{" "}
      {actor.roles
        .map(
          (g) =>
            ROLE_LABELS[g.role] +
            (g.regionCode ? ` (${regionNames.get(g.regionCode) ?? g.regionCode})` : ""),
        )
        .join(", ")}
    </p>
  );
}
