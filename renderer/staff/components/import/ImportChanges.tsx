import { Stack } from '@mantine/core';
import type { ImportPreview } from '../../../../shared/api/staff';
import { formatCount } from '../../../ui/format';
import { groupChangeSentences } from '../../importLabels';
import { ImportSectionGroup } from './ImportSectionGroup';

/** Everything the import would write, grouped as a secretary checks it: pupils, then families. */
export function ImportChanges({ preview }: { preview: ImportPreview }) {
  const { students, guardians, links, divisions, groups, labels } = preview;
  return (
    <Stack gap="md">
      <ImportSectionGroup
        title="Élèves"
        summary={formatCount(students.unchangedCount, 'élève inchangé', 'élèves inchangés')}
        sections={[
          { id: 'students-added', title: 'Nouveaux élèves', lines: students.added },
          {
            id: 'students-left',
            title: 'Élèves sortis',
            lines: students.left,
            note: 'Ils restent dans Pupitre, marqués comme sortis, avec leur historique.',
          },
          {
            id: 'students-unplaced',
            title: 'Élèves sans division',
            lines: students.unplaced,
            note: 'Élèves inscrits dans SIECLE qui ne sont placés dans aucune division : à placer dans SIECLE avant le prochain export.',
          },
          {
            id: 'students-moved',
            title: 'Changements de division ou de groupe',
            lines: students.moved,
          },
          { id: 'students-changed', title: 'Fiches élèves modifiées', lines: students.changed },
        ]}
      />
      <ImportSectionGroup
        title="Responsables"
        sections={[
          { id: 'guardians-added', title: 'Nouveaux responsables', lines: guardians.added },
          { id: 'guardians-changed', title: 'Responsables modifiés', lines: guardians.changed },
          {
            id: 'guardians-removed',
            title: 'Responsables supprimés',
            lines: guardians.removed,
            note: 'Ils ne sont plus responsables d’aucun élève de l’établissement.',
          },
          {
            id: 'guardians-shared',
            title: 'Responsables partagés entre frères et sœurs',
            lines: guardians.sharedBySiblings,
            note: 'Pour information : chacun est enregistré une seule fois, rattaché à tous ses enfants.',
          },
        ]}
      />
      <ImportSectionGroup
        title="Liens entre élèves et responsables"
        sections={[
          { id: 'links-added', title: 'Liens ajoutés', lines: links.added },
          { id: 'links-changed', title: 'Liens modifiés', lines: links.changed },
          { id: 'links-removed', title: 'Liens supprimés', lines: links.removed },
        ]}
      />
      <ImportSectionGroup
        title="Divisions et nomenclature"
        summary={`Libellés de nomenclature : ${formatCount(labels.added, 'ajouté', 'ajoutés')}, ${formatCount(labels.changed, 'modifié', 'modifiés')}.`}
        sections={[
          {
            id: 'divisions-added',
            title: 'Divisions créées',
            lines: divisions.added.map((code) => ({ key: code, label: code, detail: '' })),
          },
          {
            id: 'groups-changed',
            title: 'Groupes dont les élèves changent',
            lines: groups.map((g) => ({
              key: g.code,
              label: `Groupe ${g.code}`,
              detail: groupChangeSentences(g).join(' ; '),
            })),
            note: 'Les groupes de SIECLE (langues, options, demi-classes) : les notes et les appels de leurs services lisent ces élèves.',
          },
        ]}
      />
    </Stack>
  );
}
