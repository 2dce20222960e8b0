import { Alert, Stack, Text } from '@mantine/core';
import type { StsPreview } from '../../../../shared/api/staff';
import { frenchSpacing } from '../../../ui/errors';
import { formatNumber } from '../../../ui/format';
import { ImportProblems } from '../import/ImportProblems';
import { ImportSectionGroup } from '../import/ImportSectionGroup';

/** What the STS-Web export would change, in the SIECLE import's cards. */
export function StsPreviewView({ preview }: { preview: StsPreview }) {
  const problems = preview.problems.map((problem) => ({
    ...problem,
    message: frenchSpacing(problem.message),
    fileName: null,
    line: null,
  }));
  const unchanged = (count: number, what: string) =>
    count > 0 ? `${formatNumber(count)} ${what} sans changement` : undefined;
  return (
    <Stack gap="md">
      <ImportProblems problems={problems} />
      {preview.noServices && (
        <Alert
          color="orange"
          variant="light"
          role="status"
          title="Aucun service d’enseignement dans ce fichier"
        >
          <Text size="sm">
            {frenchSpacing(
              'L’emploi du temps n’a pas encore été remonté dans STS-Web : le fichier ne dit pas encore qui enseigne quoi. Les matières et les enseignants seront importés ; les services en place ne changent pas. Réimportez l’export STS-Web une fois l’emploi du temps remonté.',
            )}
          </Text>
        </Alert>
      )}
      {preview.unchanged && !problems.some((p) => p.blocking) && (
        <Alert color="green" variant="light" role="status" title="Aucun changement">
          <Text size="sm">
            {frenchSpacing('Aucun changement : Pupitre est déjà à jour de cet export STS-Web.')}
          </Text>
        </Alert>
      )}
      {!preview.unchanged && (
        <>
          <ImportSectionGroup
            title="Services d’enseignement"
            summary={unchanged(preview.services.unchangedCount, 'services')}
            sections={[
              { id: 'services-added', title: 'Services ajoutés', lines: preview.services.added },
              {
                id: 'services-removed',
                title: 'Services retirés',
                lines: preview.services.removed,
              },
            ]}
          />
          <ImportSectionGroup
            title="Enseignants"
            summary={unchanged(preview.teachers.unchangedCount, 'enseignants déjà connus')}
            sections={[
              {
                id: 'teachers-created',
                title: 'Nouveaux enseignants',
                lines: preview.teachers.created,
                note: frenchSpacing(
                  'Créés avec le rôle professeur et sans mot de passe : donnez-leur un mot de passe provisoire depuis « Utilisateurs ».',
                ),
              },
              {
                id: 'teachers-absent',
                title: 'Absents de cet export',
                lines: preview.teachers.absent,
                note: frenchSpacing(
                  'Leur compte est conservé : désactivez-le dans « Utilisateurs » s’ils ont quitté l’établissement.',
                ),
              },
              {
                id: 'teachers-linked',
                title: 'Rattachés à un utilisateur existant par leur nom',
                lines: preview.teachers.linked,
              },
            ]}
          />
          <ImportSectionGroup
            title="Professeurs principaux et matières"
            sections={[
              {
                id: 'main-added',
                title: 'Professeurs principaux désignés',
                lines: preview.mainTeachers.added,
              },
              {
                id: 'main-removed',
                title: 'Professeurs principaux retirés',
                lines: preview.mainTeachers.removed,
              },
              { id: 'subjects-added', title: 'Matières ajoutées', lines: preview.subjects.added },
              {
                id: 'subjects-changed',
                title: 'Matières renommées',
                lines: preview.subjects.changed,
              },
            ]}
          />
        </>
      )}
    </Stack>
  );
}
