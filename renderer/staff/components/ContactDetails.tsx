import { Anchor, Text } from '@mantine/core';
import type { Address } from '../../../shared/api/staff';
import { formatPhone, phoneHref } from '../../../shared/domain/phone';

/** Postal layout: street lines, then "25000 Besançon", then the country when not France. */
export function AddressLines({ address }: { address: Address }) {
  const cityLine = [address.postalCode, address.city].filter(Boolean).join(' ');
  const showCountry =
    address.country !== '' && address.country.toLocaleUpperCase('fr-FR') !== 'FRANCE';
  const lines = [address.line1, address.line2, cityLine, showCountry ? address.country : ''].filter(
    Boolean,
  );
  if (lines.length === 0) {
    return (
      <Text span size="sm" c="dimmed">
        Adresse non renseignée
      </Text>
    );
  }
  return (
    <>
      {lines.map((line, index) => (
        <span key={index} style={{ display: 'block' }}>
          {line}
        </span>
      ))}
    </>
  );
}

/** Labelled phone numbers, skipping the empty ones. */
export function PhoneLines({ phones }: { phones: [label: string, number: string][] }) {
  const known = phones.filter(([, number]) => number.trim() !== '');
  if (known.length === 0) {
    return (
      <Text span size="sm" c="dimmed">
        Aucun téléphone
      </Text>
    );
  }
  return (
    <>
      {known.map(([label, number]) => (
        <span key={label} style={{ display: 'block' }}>
          <PhoneNumber number={number} />{' '}
          <Text span size="xs" c="dimmed">
            ({label.toLocaleLowerCase('fr-FR')})
          </Text>
        </span>
      ))}
    </>
  );
}

/** « 06 11 11 22 22 », a `tel:` link when it is a number one can call. */
export function PhoneNumber({ number }: { number: string }) {
  const href = phoneHref(number);
  const shown = formatPhone(number);
  return href ? (
    <Anchor href={href} inherit style={{ whiteSpace: 'nowrap' }}>
      {shown}
    </Anchor>
  ) : (
    <span>{shown}</span>
  );
}

export function EmailValue({ email }: { email: string }) {
  if (email.trim() === '') {
    return (
      <Text span size="sm" c="dimmed">
        Pas d’adresse e-mail
      </Text>
    );
  }
  return (
    <Anchor href={`mailto:${email.trim()}`} inherit style={{ overflowWrap: 'anywhere' }}>
      {email}
    </Anchor>
  );
}

export function YesNo({ value }: { value: boolean }) {
  return <span>{value ? 'Oui' : 'Non'}</span>;
}
