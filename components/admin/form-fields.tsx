"use client";
// Inputs of the administration forms whose stored unit differs from the typed one: amounts are typed
// in euros and kept in cents, shares typed in % and kept in basis points, level descriptors typed one
// per line and kept as a list.
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useState } from "react";
import { type Control, Controller, type FieldPath, type FieldValues } from "react-hook-form";

/**
 * A number typed the French way: "12 500", "12 500,50", "12.500" (a thousands dot) or "12.5".
 * Returns NaN for anything else ("12abc"), so that it is flagged rather than saved as something else.
 */
export function parseFrenchNumber(typed: string): number {
  let t = typed.replace(/[\s\u00a0\u202f]/g, "");
  if (t.includes(",")) t = t.replace(/\./g, "").replace(",", ".");
  else if (/^\d{1,3}(\.\d{3})+$/.test(t)) t = t.replace(/\./g, "");
  return /^\d+(\.\d{1,2})?$/.test(t) ? Number(t) : Number.NaN;
}

type Props<T extends FieldValues> = {
  control: Control<T>;
  name: FieldPath<T>;
  label: string;
  hint?: string;
  error?: string;
};

function Scaled<T extends FieldValues>({
  control,
  name,
  label,
  hint,
  error,
  factor,
  suffix,
  example = "12 500 ou 12 500,50",
}: Props<T> & { factor: number; suffix: string; example?: string }) {
  const [typo, setTypo] = useState(false);
  const message = typo ? `Saisissez un nombre, par exemple ${example} (${suffix}).` : error;
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <Input
          label={`${label} (${suffix})`}
          hintText={hint}
          state={message ? "error" : "default"}
          stateRelatedMessage={message}
          nativeInputProps={{
            inputMode: "decimal",
            name: field.name,
            ref: field.ref,
            onBlur: field.onBlur,
            defaultValue:
              typeof field.value === "number" && Number.isFinite(field.value)
                ? String(field.value / factor).replace(".", ",")
                : "",
            onChange: (e) => {
              if (e.target.value.trim() === "") {
                setTypo(false);
                field.onChange(Number.NaN);
                return;
              }
              const value = parseFrenchNumber(e.target.value);
              // A typo keeps the last good value and is flagged at the field: nothing else is saved.
              setTypo(Number.isNaN(value));
              if (!Number.isNaN(value)) field.onChange(Math.round(value * factor));
            },
          }}
        />
      )}
    />
  );
}

export function EuroField<T extends FieldValues>(props: Props<T>) {
  return <Scaled {...props} factor={100} suffix="€" />;
}

export function PercentField<T extends FieldValues>(props: Props<T>) {
  return <Scaled {...props} factor={100} suffix="%" />;
}

/** A national score typed out of 100 with two decimals at most (65,50), kept in hundredths (6550). */
export function ScoreField<T extends FieldValues>(props: Props<T>) {
  return <Scaled {...props} factor={100} suffix="sur 100" example="65 ou 65,50" />;
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
