"use client";
// Inputs of the administration forms whose stored unit differs from the typed one: amounts are typed
// in euros and kept in cents, shares typed in % and kept in basis points, level descriptors typed one
// per line and kept as a list.
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Controller, type Control, type FieldPath, type FieldValues } from "react-hook-form";

type Props<T extends FieldValues> = { control: Control<T>; name: FieldPath<T>; label: string; hint?: string; error?: string };

function scaled<T extends FieldValues>({ control, name, label, hint, error, factor, suffix }: Props<T> & { factor: number; suffix: string }) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <Input
          label={`${label} (${suffix})`}
          hintText={hint}
          state={error ? "error" : "default"}
          stateRelatedMessage={error}
          nativeInputProps={{
            inputMode: "decimal",
            name: field.name,
            ref: field.ref,
            onBlur: field.onBlur,
            defaultValue: typeof field.value === "number" && Number.isFinite(field.value) ? String(field.value / factor).replace(".", ",") : "",
            onChange: (e) => {
              const typed = e.target.value.replace(/\s/g, "").replace(",", ".");
              field.onChange(typed === "" ? Number.NaN : Math.round(Number(typed) * factor));
            },
          }}
        />
      )}
    />
  );
}

export function EuroField<T extends FieldValues>(props: Props<T>) {
  return scaled({ ...props, factor: 100, suffix: "€" });
}

export function PercentField<T extends FieldValues>(props: Props<T>) {
  return scaled({ ...props, factor: 100, suffix: "%" });
}

export function LinesField<T extends FieldValues>({ control, name, label, hint, error }: Props<T>) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <Input
          textArea
          label={label}
          hintText={hint}
          state={error ? "error" : "default"}
          stateRelatedMessage={error}
          nativeTextAreaProps={{
            name: field.name,
            ref: field.ref,
            onBlur: field.onBlur,
            rows: 6,
            value: Array.isArray(field.value) ? field.value.join("\n") : "",
            onChange: (e) => field.onChange(e.target.value.split("\n")),
          }}
        />
      )}
    />
  );
}

/** The message of a nested field error, whatever its depth (`criteria.0.levels`). */
export function errorAt(errors: unknown, path: string): string | undefined {
  let node: unknown = errors;
  for (const key of path.split(".")) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  if (!node || typeof node !== "object") return undefined;
  const n = node as { message?: unknown; root?: { message?: unknown } };
  const message = n.message ?? n.root?.message;
  return typeof message === "string" ? message : undefined;
}
