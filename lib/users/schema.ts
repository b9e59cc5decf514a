import { Role } from "@/lib/generated/prisma/enums";
import { searchText } from "@/lib/validation";
import * as z from "@/lib/zod";

export const emailSchema = z
  .string({ message: "Saisissez votre adresse e-mail." })
  .trim()
  .toLowerCase()
  .min(1, { message: "Saisissez votre adresse e-mail." })
  .max(254, { message: "Adresse e-mail trop longue." })
  .pipe(z.email({ message: "Saisissez une adresse e-mail valide, par exemple nom@domaine.fr." }));

/** ANSSI and CNIL recommend length over composition rules: 12 characters at least. */
const passwordSchema = z
  .string({ message: "Saisissez un mot de passe." })
  .min(12, { message: "Le mot de passe doit contenir au moins 12 caractères." })
  .max(128, { message: "Le mot de passe doit contenir au plus 128 caractères." });

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, { message: "Saisissez votre mot de passe." }).max(128),
});

const REGIONAL_ROLES: readonly Role[] = ["CRA_EVALUATOR", "CRA_COORDINATOR"];

const roleGrantSchema = z
  .object({ role: z.enum(Role), regionCode: z.string().nullable() })
  .refine((g) => REGIONAL_ROLES.includes(g.role) === (g.regionCode !== null), {
    message: "Les rôles de cellule régionale sont rattachés à une région, les autres à aucune.",
    path: ["regionCode"],
  });

export const newUserSchema = z.object({
  email: emailSchema,
  name: z.string().trim().min(2, { message: "Saisissez le nom complet." }).max(120),
  password: passwordSchema.optional(),
  emailVerified: z.boolean().default(false),
  roles: z.array(roleGrantSchema).min(1, { message: "Attribuez au moins un rôle." }),
});
export type NewUserInput = z.input<typeof newUserSchema>;

/** The administrator's invitation form. */
export const inviteUserSchema = z.object({
  email: emailSchema,
  name: z
    .string()
    .trim()
    .min(2, { message: "Saisissez le nom complet." })
    .max(120, { message: "120 caractères au plus." }),
  roles: z.array(roleGrantSchema).min(1, { message: "Attribuez au moins un rôle." }),
});
export type InviteUserInput = z.input<typeof inviteUserSchema>;

export const rolesSchema = z.object({
  roles: z.array(roleGrantSchema).min(1, { message: "Attribuez au moins un rôle." }),
});

/** The search form of the users' list (GET parameters), read leniently. */
export const userFilterSchema = z.object({
  q: searchText(120),
  role: z.enum(Role).optional().catch(undefined),
  region: z
    .string()
    .regex(/^\d{2}$/)
    .optional()
    .catch(undefined),
});

const confirmed = <S extends z.ZodObject<{ password: z.ZodString; confirmation: z.ZodString }>>(
  s: S,
) =>
  s.refine((v: { password: string; confirmation: string }) => v.password === v.confirmation, {
    message: "Les deux mots de passe ne sont pas identiques.",
    path: ["confirmation"],
  });

/** The sign-up form of an applicant (porteur de projet). */
export const signUpSchema = confirmed(
  z.object({
    name: z
      .string()
      .trim()
      .min(2, { message: "Saisissez vos prénom et nom." })
      .max(120, { message: "120 caractères au plus." }),
    email: emailSchema,
    password: passwordSchema,
    confirmation: z.string(),
  }),
);
export type SignUpInput = z.input<typeof signUpSchema>;

export const emailRequestSchema = z.object({ email: emailSchema });

/** A password chosen twice with the token of an e-mailed link: a reset, or an invited person's activation. */
export const passwordChoiceSchema = confirmed(
  z.object({
    token: z.string().min(20).max(200),
    password: passwordSchema,
    confirmation: z.string(),
  }),
);

export const profileSchema = z.object({
  name: z
    .string()
    .trim()
    .min(2, { message: "Saisissez vos prénom et nom." })
    .max(120, { message: "120 caractères au plus." }),
});

export const passwordChangeSchema = confirmed(
  z.object({
    current: z.string().min(1, { message: "Saisissez votre mot de passe actuel." }).max(128),
    password: passwordSchema,
    confirmation: z.string(),
  }),
);
