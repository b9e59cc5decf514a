"use client";
import { PasswordInput } from "@codegouvfr/react-dsfr/blocks/PasswordInput";
import type { FieldErrors, UseFormRegister } from "react-hook-form";

type Fields = { password: string; confirmation: string };

/** A new password typed twice, with the rule shown and the errors at each field. */
export function NewPasswordFields<T extends Fields>({
  register,
  errors,
  label = "Mot de passe",
}: {
  register: UseFormRegister<T>;
  errors: FieldErrors<T>;
  label?: string;
}) {
  const reg = register as unknown as UseFormRegister<Fields>;
  const err = errors as FieldErrors<Fields>;
  return (
    <>
      <PasswordInput
        label={label}
        messagesHint="Votre mot de passe doit contenir :"
        messages={[
          {
            severity: err.password ? "error" : "info",
            message: err.password?.message ?? "au moins 12 caractères",
          },
        ]}
        nativeInputProps={{ ...reg("password"), autoComplete: "new-password" }}
      />
      <PasswordInput
        label={`Confirmation du ${label.charAt(0).toLowerCase()}${label.slice(1)}`}
        messagesHint=""
        messages={
          err.confirmation?.message
            ? [{ severity: "error", message: err.confirmation.message }]
            : []
        }
        nativeInputProps={{ ...reg("confirmation"), autoComplete: "new-password" }}
      />
    </>
  );
}
