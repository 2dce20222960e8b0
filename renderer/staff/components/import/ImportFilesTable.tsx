import { Badge, Paper, Table, Text } from '@mantine/core';
import type { ImportFileSummary } from '../../../../shared/api/staff';
import { formatDate, formatNumber } from '../../../ui/format';
import { schoolYearLabel } from '../../importLabels';
import { frenchClockWords } from '../../../../shared/domain/publication/parisDays';

interface ImportFilesTableProps {
  files: ImportFileSummary[];
  /** This school's UAI: a file of another school stands out. */
  schoolUai: string;
}

/** What each file turned out to be, read from its root element rather than its name. */
export function ImportFilesTable({ files, schoolUai }: ImportFilesTableProps) {
  if (files.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        Aucun fichier n’a pu être lu.
      </Text>
    );
  }
  return (
    <Paper withBorder radius="md">
      {/* Native scrolling, focusable: on a phone the table scrolls sideways from the keyboard too. */}
      <Table.ScrollContainer
        minWidth={820}
        type="native"
        tabIndex={0}
        className="stack-on-phone"
        role="region"
        aria-label="Fichiers reconnus (tableau défilant)"
      >
        <Table verticalSpacing="xs" aria-label="Fichiers reconnus">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Fichier</Table.Th>
              <Table.Th scope="col">Type</Table.Th>
              <Table.Th scope="col">UAJ</Table.Th>
              <Table.Th scope="col" style={{ whiteSpace: 'nowrap' }}>
                Année scolaire
              </Table.Th>
              <Table.Th scope="col" style={{ whiteSpace: 'nowrap' }}>
                Date d’export
              </Table.Th>
              <Table.Th scope="col" ta="right">
                Enregistrements
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {files.map((file, index) => {
              const otherSchool = file.uaj !== '' && file.uaj.toUpperCase() !== schoolUai;
              return (
                <Table.Tr key={`${file.fileName}-${index}`}>
                  <Table.Td data-label="Fichier" style={{ overflowWrap: 'anywhere' }}>
                    {file.fileName}
                  </Table.Td>
                  <Table.Td data-label="Type">{file.kindLabel}</Table.Td>
                  <Table.Td data-label="UAJ" style={{ whiteSpace: 'nowrap' }}>
                    {file.uaj || '—'}
                    {otherSchool && (
                      <Badge color="red" variant="light" ml="xs" radius="sm">
                        Autre établissement
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td data-label="Année scolaire">
                    {schoolYearLabel(file.schoolYear)}
                  </Table.Td>
                  <Table.Td data-label="Date d’export" style={{ whiteSpace: 'nowrap' }}>
                    {file.exportDate ? formatDate(file.exportDate) : '—'}
                    {/* HORODATAGE: two exports of one day are told apart by the time. */}
                    {file.exportedAt?.startsWith(file.exportDate ?? '-') &&
                      ` à ${frenchClockWords(file.exportedAt.slice(11, 16))}`}
                  </Table.Td>
                  <Table.Td data-label="Enregistrements" ta="right">
                    {formatNumber(file.records)}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
