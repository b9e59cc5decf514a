// The question a reader of the regional or the national cell answers before opening a dossier: has
// the reader a link with the pole? Each cell words the two answers (and names the radio group) itself.
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";

export function ConflictQuestion({
  poleName,
  name,
  labels,
  choice,
  onChoose,
  error,
}: {
  poleName: string;
  name: string;
  labels: { no: string; yes: string };
  choice: "yes" | "no" | null;
  onChoose: (hasConflict: boolean) => void;
  error?: string;
}) {
  return (
    <RadioButtons
      legend={`Avez-vous un lien avec le pôle « ${poleName} », ses membres ou sa structure porteuse (adhésion, mandat, emploi, lien familial, intérêt financier) ?`}
      name={name}
      state={error ? "error" : "default"}
      stateRelatedMessage={error}
      options={[
        {
          label: labels.no,
          nativeInputProps: {
            value: "no",
            checked: choice === "no",
            onChange: () => onChoose(false),
          },
        },
        {
          label: labels.yes,
          nativeInputProps: {
            value: "yes",
            checked: choice === "yes",
            onChange: () => onChoose(true),
          },
        },
      ]}
    />
  );
}
