import { ofSchool } from '../../../shared/domain/schoolName';

/**
 * Issue 17 §5: the family's daily digest. It says *that* something is new and links to the
 * portal, never what: a mark's value or a sanction's detail would leave the school's control
 * with the message (docs/EMAILS.md).
 */
export interface DigestChildLine {
  firstName: string;
  marks: number;
  events: number;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function digestChildLine(child: DigestChildLine): string {
  const parts = [
    ...(child.marks > 0 ? [plural(child.marks, 'nouvelle note', 'nouvelles notes')] : []),
    ...(child.events > 0
      ? [
          plural(
            child.events,
            'nouvel évènement de vie scolaire',
            'nouveaux évènements de vie scolaire',
          ),
        ]
      : []),
  ];
  return `– ${child.firstName} : ${parts.join(', ')}`;
}

export const DIGEST_SUBJECT = 'Message des services en ligne – Du nouveau pour votre suivi';

export function digestParagraphs(d: {
  schoolName: string;
  children: DigestChildLine[];
  link: string;
}): (string | { link: string })[] {
  return [
    `Depuis notre dernier message, les services en ligne ${ofSchool(d.schoolName)} ont publié :`,
    d.children.map(digestChildLine).join('\n'),
    'Ce message ne donne ni les notes ni le détail des évènements : connectez-vous pour les consulter.',
    { link: d.link },
  ];
}
