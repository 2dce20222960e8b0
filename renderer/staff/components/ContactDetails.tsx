import { Text } from '@mantine/core';
import type { Address } from '../../../shared/api/staff';

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
          {number}{' '}
          <Text span size="xs" c="dimmed">
            ({label.toLocaleLowerCase('fr-FR')})
          </Text>
        </span>
      ))}
    </>
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
  return <span>{email}</span>;
}

export function YesNo({ value }: { value: boolean }) {
  return <span>{value ? 'Oui' : 'Non'}</span>;
}
