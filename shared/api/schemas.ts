import { z } from 'zod';
import { STAFF_ROLES } from '../domain/roles';
import { GRADE_PUBLICATION_MODES, SERVICE_KEYS, isValidUai } from '../domain/school';

export const Id = z.number({ error: 'Identifiant manquant.' }).int().positive();

const text = (label: string, max: number) =>
  z
    .string({ error: `${label} : texte attendu.` })
    .trim()
    .max(max, { error: `${label} : ${max} caractères au plus.` });

const required = (label: string, max: number) =>
  text(label, max).min(1, { error: `${label} : champ obligatoire.` });

const email = (label: string) =>
  text(label, 254).refine((v) => v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), {
    error: `${label} : adresse e-mail invalide.`,
  });

const phone = (label: string) =>
  text(label, 30).refine((v) => v === '' || /^[+0-9 .()-]{6,30}$/.test(v), {
    error: `${label} : numéro de téléphone invalide.`,
  });

export const UaiSchema = z
  .string({ error: 'UAI : texte attendu.' })
  .trim()
  .toUpperCase()
  .refine(isValidUai, { error: 'UAI : 7 chiffres et une lettre de contrôle (ex. 0251711Z).' });

export const AddressSchema = z.object({
  line1: text('Adresse', 200),
  line2: text('Complément d’adresse', 200),
  postalCode: text('Code postal', 10),
  city: text('Commune', 100),
  country: text('Pays', 100),
});

export const LoginInput = z.object({
  login: required('Identifiant', 100),
  password: z
    .string({ error: 'Mot de passe : texte attendu.' })
    .min(1, { error: 'Mot de passe : champ obligatoire.' })
    .max(200, { error: 'Mot de passe : trop long.' }),
});

/** Staff passwords: 10 to 128 characters, letters and digits at least (SPEC §4.2 asks the same spirit for families). */
export const StaffPassword = z
  .string({ error: 'Mot de passe : texte attendu.' })
  .min(10, { error: 'Mot de passe : 10 caractères au moins.' })
  .max(128, { error: 'Mot de passe : 128 caractères au plus.' })
  .refine((v) => /[A-Za-z]/.test(v) && /\d/.test(v), {
    error: 'Mot de passe : au moins une lettre et un chiffre.',
  });

export const ChangePasswordInput = z.object({
  currentPassword: z
    .string()
    .min(1, { error: 'Mot de passe actuel : champ obligatoire.' })
    .max(200),
  newPassword: StaffPassword,
});

export const SetupInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('demo') }),
  z.object({
    kind: z.literal('empty'),
    uai: UaiSchema,
    name: required('Nom de l’établissement', 200),
  }),
]);

export const SchoolSettingsInput = z.object({
  uai: UaiSchema,
  name: required('Nom de l’établissement', 200),
  address: AddressSchema,
  phone: phone('Téléphone'),
  email: email('Courriel'),
  academie: text('Académie', 100),
  portalUrl: text('Adresse du portail', 300).refine(
    (v) => v === '' || /^https?:\/\/[^\s]+$/.test(v),
    { error: 'Adresse du portail : une adresse web commençant par http:// ou https://.' },
  ),
  welcomeMessage: text('Message d’accueil', 2000),
  familiesMayEmail: z.boolean(),
  gradePublicationMode: z.enum(
    Object.keys(GRADE_PUBLICATION_MODES) as ['continuous', 'scheduled'],
    {
      error: 'Mode de publication des notes inconnu.',
    },
  ),
  openedServices: z
    .array(z.enum(SERVICE_KEYS as [string, ...string[]], { error: 'Service inconnu.' }))
    .max(SERVICE_KEYS.length),
});

export const StudentSearchInput = z.object({
  query: text('Recherche', 100).default(''),
  divisionId: Id.optional(),
  includeLeft: z.boolean().default(false),
  limit: z.number().int().min(1).max(5000).default(500),
});

export const ByIdInput = z.object({ id: Id });

export const Empty = z.object({}).strict();

export const RoleSchema = z.enum(STAFF_ROLES, { error: 'Rôle inconnu.' });

export const CreateUserInput = z.object({
  login: required('Identifiant', 60).regex(/^[a-z0-9.-]+$/, {
    error: 'Identifiant : lettres minuscules sans accent, chiffres, point et tiret.',
  }),
  displayName: required('Nom affiché', 120),
  role: RoleSchema,
});

export const UpdateUserInput = z.object({
  id: Id,
  displayName: required('Nom affiché', 120).optional(),
  role: RoleSchema.optional(),
  active: z.boolean().optional(),
});

export const AuditListInput = z.object({
  beforeId: Id.optional(),
  limit: z.number().int().min(1).max(500).default(100),
  action: text('Action', 60).optional(),
});

const UploadId = z.string().regex(/^[A-Za-z0-9_-]{10,64}$/, { error: 'Fichier importé inconnu.' });

export const ImportUploadInput = z.object({
  fileName: required('Nom du fichier', 255),
  bytes: z.instanceof(Uint8Array, { error: 'Contenu du fichier manquant.' }),
});

export const ImportPreviewInput = z.object({
  uploadIds: z
    .array(UploadId)
    .min(1, { error: 'Choisissez au moins un fichier.' })
    .max(10, { error: 'Dix fichiers au plus.' }),
});

export const PreviewIdInput = z.object({
  previewId: z.string().regex(/^[A-Za-z0-9_-]{10,64}$/, { error: 'Aperçu inconnu.' }),
});
