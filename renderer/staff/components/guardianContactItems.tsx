import { EmailValue, PhoneLines } from './ContactDetails';
import type { InfoItem } from './InfoList';

interface GuardianContact {
  phoneHome: string;
  phoneWork: string;
  phoneMobile: string;
  email: string;
}

/** A guardian's phones and e-mail, the same on the student's page and the guardian's own. */
export function guardianContactItems(guardian: GuardianContact): InfoItem[] {
  return [
    {
      label: 'Téléphones',
      value: (
        <PhoneLines
          phones={[
            ['Domicile', guardian.phoneHome],
            ['Travail', guardian.phoneWork],
            ['Portable', guardian.phoneMobile],
          ]}
        />
      ),
    },
    { label: 'Courriel', value: <EmailValue email={guardian.email} /> },
  ];
}
