// A controlled multi-line field with its hint and its error (the DSFR input in its textarea form).
import { Input } from "@codegouvfr/react-dsfr/Input";

export function TextAreaField({
  label,
  hint,
  error,
  value,
  onChange,
  rows,
  maxLength,
  name,
}: {
  label: string;
  hint?: string;
  error?: string;
  value: string;
  onChange: (value: string) => void;
  rows: number;
  maxLength: number;
  name?: string;
}) {
  return (
    <Input
      textArea
      label={label}
      hintText={hint}
      state={error ? "error" : "default"}
      stateRelatedMessage={error}
      nativeTextAreaProps={{
        value,
        onChange: (e) => onChange(e.target.value),
        rows,
        maxLength,
        name,
      }}
    />
  );
}
