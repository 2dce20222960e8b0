import { z } from 'zod';
import { out, type CallSpec } from '../contract';
import { ByIdInput, Empty, Id, email, text, type IsoInstant } from '../fields';
import { ACCOUNT_HOLDERS, DIRECTION } from '../../domain/access';
import type { StaffRole } from '../../domain/roles';

export const MAIL_STATUSES = {
  queued: 'En attente',
  sending: 'En cours d’envoi',
  sent: 'Envoyé',
  failed: 'Échec',
} as const;
export type MailStatusKey = keyof typeof MAIL_STATUSES;

export interface MailItem {
  id: number;
  to: string;
  subject: string;
  status: MailStatusKey;
  attempts: number;
  lastError: string;
  createdAt: IsoInstant;
  sentAt: IsoInstant | null;
  nextAttemptAt: IsoInstant;
  hasAttachment: boolean;
}

export interface MailPage {
  items: MailItem[];
  counts: Record<MailStatusKey, number>;
  nextBeforeId: number | null;
}

export interface MailSettingsView {
  transport: 'folder' | 'smtp';
  host: string;
  port: number;
  security: 'tls' | 'starttls' | 'none';
  username: string;
  /** Never the password itself: only whether one is kept (sealed). */
  passwordSet: boolean;
  fromAddress: string;
  fromName: string;
  perMinute: number;
  /** Where the folder transport writes its .eml files. */
  folder: string;
}

const Status = z.enum(Object.keys(MAIL_STATUSES) as [MailStatusKey, ...MailStatusKey[]]);

export const MailListInput = z.object({
  status: Status.optional(),
  beforeId: Id.optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

export const MailSettingsInput = z
  .object({
    transport: z.enum(['folder', 'smtp'], { error: 'Mode d’envoi inconnu.' }),
    host: text('Serveur SMTP', 200).regex(/^[A-Za-z0-9.-]*$/, {
      error: 'Serveur SMTP : un nom d’hôte.',
    }),
    port: z
      .number({ error: 'Port : un nombre.' })
      .int()
      .min(1, { error: 'Port : de 1 à 65535.' })
      .max(65535, { error: 'Port : de 1 à 65535.' }),
    security: z.enum(['tls', 'starttls', 'none'], { error: 'Sécurité inconnue.' }),
    username: text('Utilisateur', 200),
    /** Empty: keep the stored password. */
    password: z.string().max(200).default(''),
    fromAddress: email('Adresse d’expédition'),
    fromName: text('Nom d’expéditeur', 200),
    perMinute: z
      .number()
      .int()
      .min(1, { error: 'Débit : au moins 1 message par minute.' })
      .max(600),
  })
  .refine((v) => v.transport === 'folder' || v.host !== '', {
    error: 'Serveur SMTP : champ obligatoire.',
    path: ['host'],
  });

export const MailTestInput = z.object({
  to: email('Adresse').min(3, { error: 'Adresse : champ obligatoire.' }),
});

export const mailCalls = {
  'mail.list': { input: MailListInput, access: ACCOUNT_HOLDERS, output: out<MailPage>() },
  'mail.retry': { input: ByIdInput, access: ACCOUNT_HOLDERS, output: out<null>() },
  'mail.settings': { input: Empty, access: DIRECTION, output: out<MailSettingsView>() },
  'mail.updateSettings': {
    input: MailSettingsInput,
    access: DIRECTION,
    output: out<MailSettingsView>(),
  },
  'mail.sendTest': { input: MailTestInput, access: DIRECTION, output: out<null>() },
} as const satisfies Record<string, CallSpec<StaffRole>>;
