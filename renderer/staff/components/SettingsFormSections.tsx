import {
  Checkbox,
  Fieldset,
  NumberInput,
  Group,
  Radio,
  SimpleGrid,
  Stack,
  Switch,
  TextInput,
  Textarea,
} from '@mantine/core';
import type { UseFormReturn } from 'react-hook-form';
import { Controller } from 'react-hook-form';
import type { z } from 'zod';
import type { SchoolSettingsInput } from '../../../shared/api/staff';
import { SERVICES, type ServiceKey } from '../../../shared/domain/school';

export type SettingsFormValues = z.input<typeof SchoolSettingsInput>;
export type SettingsForm = UseFormReturn<
  SettingsFormValues,
  unknown,
  z.output<typeof SchoolSettingsInput>
>;

/** Every path the form shows, so that server-side field errors can be placed under inputs. */
export const SETTINGS_FIELD_PATHS = [
  'uai',
  'uaiConfirmation',
  'name',
  'academie',
  'address.line1',
  'address.line2',
  'address.postalCode',
  'address.city',
  'address.country',
  'phone',
  'email',
  'portalUrl',
  'welcomeMessage',
  'publicationDirector',
  'familiesMayEmail',
  'digestHour',
  'openedServices',
  'letterWindow',
  'portalListener.bind',
  'portalListener.port',
  'portalListener.trustedProxy',
] as const;

interface SectionProps {
  form: SettingsForm;
  /**
   * Text fields become read-only rather than disabled: greyed-out disabled text is hard to
   * read, and staff consulting the settings may want to select and copy it.
   */
  readOnly: boolean;
}

export function IdentitySection({ form, readOnly }: SectionProps) {
  const { errors } = form.formState;
  return (
    <Fieldset legend="Identité">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput
          readOnly={readOnly}
          label="UAI"
          maxLength={8}
          error={errors.uai?.message}
          {...form.register('uai')}
        />
        <TextInput
          readOnly={readOnly}
          label="Nom de l’établissement"
          error={errors.name?.message}
          {...form.register('name')}
        />
        <TextInput
          readOnly={readOnly}
          label="Académie"
          error={errors.academie?.message}
          {...form.register('academie')}
        />
      </SimpleGrid>
    </Fieldset>
  );
}

export function ContactSection({ form, readOnly }: SectionProps) {
  const { errors } = form.formState;
  return (
    <Fieldset legend="Coordonnées">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            readOnly={readOnly}
            label="Adresse (ligne 1)"
            autoComplete="address-line1"
            error={errors.address?.line1?.message}
            {...form.register('address.line1')}
          />
          <TextInput
            readOnly={readOnly}
            label="Complément d’adresse (ligne 2)"
            autoComplete="address-line2"
            error={errors.address?.line2?.message}
            {...form.register('address.line2')}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            readOnly={readOnly}
            label="Code postal"
            autoComplete="postal-code"
            error={errors.address?.postalCode?.message}
            {...form.register('address.postalCode')}
          />
          <TextInput
            readOnly={readOnly}
            label="Commune"
            autoComplete="address-level2"
            error={errors.address?.city?.message}
            {...form.register('address.city')}
          />
          <TextInput
            readOnly={readOnly}
            label="Pays"
            autoComplete="country-name"
            error={errors.address?.country?.message}
            {...form.register('address.country')}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            readOnly={readOnly}
            label="Téléphone"
            type="tel"
            error={errors.phone?.message}
            {...form.register('phone')}
          />
          <TextInput
            readOnly={readOnly}
            label="Courriel"
            type="email"
            error={errors.email?.message}
            {...form.register('email')}
          />
        </SimpleGrid>
      </Stack>
    </Fieldset>
  );
}

/** Only the services this kind of school may open are shown (a collège has no LSL). */
export function PortalSection({
  form,
  readOnly,
  offered,
}: SectionProps & { offered: readonly ServiceKey[] }) {
  const { errors } = form.formState;
  return (
    <Fieldset legend="Portail des familles">
      <Stack gap="md">
        <TextInput
          readOnly={readOnly}
          label="Adresse du portail"
          description="Imprimée sur les courriers de notification, par exemple https://portail.college-exemple.fr"
          type="url"
          error={errors.portalUrl?.message}
          {...form.register('portalUrl')}
        />
        <Textarea
          readOnly={readOnly}
          label="Message d’accueil"
          description="Affiché aux familles sur la page d’accueil du portail."
          autosize
          minRows={3}
          maxRows={10}
          error={errors.welcomeMessage?.message}
          {...form.register('welcomeMessage')}
        />
        <TextInput
          readOnly={readOnly}
          label="Directeur ou directrice de la publication"
          description="Nommé dans les « Mentions légales » du portail, par exemple « Mme Hélène Roussel, principale »."
          error={errors.publicationDirector?.message}
          {...form.register('publicationDirector')}
        />
        <Controller
          control={form.control}
          name="familiesMayEmail"
          render={({ field, fieldState }) => (
            <Switch
              label="Les familles peuvent écrire à l’établissement"
              checked={field.value}
              onChange={(event) => field.onChange(event.currentTarget.checked)}
              onBlur={field.onBlur}
              ref={field.ref}
              disabled={readOnly}
              error={fieldState.error?.message}
            />
          )}
        />
        <Controller
          control={form.control}
          name="digestHour"
          render={({ field, fieldState }) => (
            <NumberInput
              readOnly={readOnly}
              label="Heure d’envoi du résumé quotidien aux familles"
              description="Entre 7 h et 20 h. Le résumé par courriel des nouveautés, pour les familles qui l’ont demandé, part à partir de cette heure ; jamais la nuit (de 21 h à 7 h)."
              suffix=" h"
              min={7}
              max={20}
              allowDecimal={false}
              allowNegative={false}
              // A narrow box for two digits; the help text keeps the section's width.
              styles={{ wrapper: { maxWidth: 200 } }}
              value={field.value}
              onChange={(value) =>
                field.onChange(typeof value === 'number' ? value : Number(value))
              }
              onBlur={field.onBlur}
              error={fieldState.error?.message}
            />
          )}
        />
        <Controller
          control={form.control}
          name="letterWindow"
          render={({ field, fieldState }) => (
            <Radio.Group
              label="Fenêtre des enveloppes des courriers"
              description="Où l’adresse du destinataire doit apparaître dans une enveloppe DL à fenêtre."
              value={field.value}
              onChange={field.onChange}
              error={fieldState.error?.message}
            >
              <Group mt="xs">
                <Radio value="left" label="À gauche" disabled={readOnly} />
                <Radio value="right" label="À droite" disabled={readOnly} />
              </Group>
            </Radio.Group>
          )}
        />
        <Controller
          control={form.control}
          name="openedServices"
          render={({ field, fieldState }) => (
            <Checkbox.Group
              label="Services ouverts aux familles"
              value={field.value}
              onChange={field.onChange}
              error={fieldState.error?.message}
            >
              <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} mt="xs" spacing="xs">
                {offered.map((value) => (
                  <Checkbox key={value} value={value} label={SERVICES[value]} disabled={readOnly} />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
          )}
        />
      </Stack>
    </Fieldset>
  );
}

/**
 * Where this computer serves the family portal: on itself only by default; published on the
 * school's network on a chosen interface; behind a reverse proxy, named here.
 */
export function PortalListenerSection({ form, readOnly }: SectionProps) {
  const { errors } = form.formState;
  const published = form.watch('portalListener.publish');
  return (
    <Fieldset legend="Portail des familles : où ce poste le sert">
      <Stack gap="md">
        <Controller
          control={form.control}
          name="portalListener.publish"
          render={({ field }) => (
            <Switch
              label="Publier le portail sur le réseau de l’établissement"
              description="Sinon, le portail ne répond qu’à cet ordinateur (127.0.0.1). Les changements prennent effet au prochain démarrage de Pupitre."
              checked={Boolean(field.value)}
              onChange={(event) => field.onChange(event.currentTarget.checked)}
              onBlur={field.onBlur}
              ref={field.ref}
              disabled={readOnly}
            />
          )}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            readOnly={readOnly || !published}
            label="Interface"
            description="Une adresse IP de ce poste, ou 0.0.0.0 pour toutes"
            error={errors.portalListener?.bind?.message}
            {...form.register('portalListener.bind')}
          />
          <Controller
            control={form.control}
            name="portalListener.port"
            render={({ field, fieldState }) => (
              <NumberInput
                readOnly={readOnly}
                label="Port"
                min={1024}
                max={65535}
                allowDecimal={false}
                value={field.value}
                onChange={(value) =>
                  field.onChange(typeof value === 'number' ? value : Number(value))
                }
                onBlur={field.onBlur}
                error={fieldState.error?.message}
              />
            )}
          />
          <TextInput
            readOnly={readOnly}
            label="Mandataire inverse de confiance"
            description="Son adresse IP s’il sert le portail en HTTPS devant ce poste ; sinon vide"
            error={errors.portalListener?.trustedProxy?.message}
            {...form.register('portalListener.trustedProxy')}
          />
        </SimpleGrid>
      </Stack>
    </Fieldset>
  );
}
