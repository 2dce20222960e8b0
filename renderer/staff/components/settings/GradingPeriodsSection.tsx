import { useState } from 'react';
import { Alert, Button, Group, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { PeriodLevelKey, PeriodsOverview } from '../../../../shared/api/staff';
import { slashDate } from '../../../../shared/domain/frenchDates';
import { EVERY_LEVEL, periodsOfLevel } from '../../../../shared/domain/periods';
import { ConfirmButton } from '../../../ui/ConfirmButton';
import { frenchSpacing } from '../../../ui/errors';
import { notifyError } from '../../../ui/notify';
import { callStaff } from '../../api';
import { SectionCard } from '../SectionCard';
import { LevelPeriodsEditor } from './LevelPeriodsEditor';
import { ReopeningsPanel } from './ReopeningsPanel';

interface Props {
  overview: PeriodsOverview;
  readOnly: boolean;
  scheduled: boolean;
  onChange: (overview: PeriodsOverview) => void;
  onDirty: (dirty: boolean) => void;
}

/** « Périodes de notation »: per level, trimestres or semestres, and their closing days. */
export function GradingPeriodsSection({ overview, readOnly, scheduled, onChange, onDirty }: Props) {
  const [level, setLevel] = useState<PeriodLevelKey>(EVERY_LEVEL);
  const [ownDraft, setOwnDraft] = useState(false);
  const { year } = overview;
  if (!year) {
    return (
      <SectionCard title="Périodes de notation">
        <Text size="sm">
          Aucune année scolaire en cours : importez la base élèves de SIECLE pour définir les
          périodes.
        </Text>
      </SectionCard>
    );
  }
  const current = overview.levels.find((l) => l.level === level) ?? overview.levels[0]!;
  const own = overview.periods.filter((p) => p.level === level);
  const followsSchool = level !== EVERY_LEVEL && own.length === 0 && !ownDraft;
  const saved = (next: PeriodsOverview) => {
    setOwnDraft(false);
    onChange(next);
  };
  const backToSchool = async () => {
    try {
      saved(await callStaff('periods.removeLevel', { level }));
      notifications.show({
        color: 'green',
        message: `Le niveau ${level} suit les périodes de l’établissement`,
      });
    } catch (error) {
      notifyError(error);
    }
  };

  return (
    <SectionCard title="Périodes de notation">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          Année {year.label}, du {slashDate(year.startsOn)} au {slashDate(year.endsOn)}. Les
          périodes d’un niveau se suivent sans se chevaucher ni laisser de jour.
        </Text>
        <Select
          label="Niveau"
          description={frenchSpacing(
            '« Tous niveaux » vaut pour chaque niveau qui n’a pas de périodes propres.',
          )}
          value={level}
          allowDeselect={false}
          maw={420}
          data={overview.levels.map((l) => ({
            value: l.level,
            label:
              l.level === EVERY_LEVEL
                ? l.label
                : `${l.label}${l.divisions.length > 0 ? ` (${l.divisions.join(', ')})` : ''}${l.hasOwnPeriods ? ' — périodes propres' : ''}`,
          }))}
          onChange={(value) => {
            setLevel(overview.levels.find((l) => l.level === value)?.level ?? EVERY_LEVEL);
            setOwnDraft(false);
          }}
        />
        {followsSchool ? (
          <Group gap="sm">
            <Text size="sm">Le niveau {level} suit les périodes de l’établissement.</Text>
            {!readOnly && (
              <Button variant="light" onClick={() => setOwnDraft(true)}>
                Définir des périodes propres au niveau {level}
              </Button>
            )}
          </Group>
        ) : (
          <>
            {level !== EVERY_LEVEL && own.length > 0 && !readOnly && (
              <Group justify="flex-end">
                <ConfirmButton
                  variant="subtle"
                  title={`Revenir aux périodes de l’établissement pour le niveau ${level} ?`}
                  message="Les périodes propres à ce niveau et leurs réouvertures seront retirées."
                  confirmLabel="Revenir aux périodes de l’établissement"
                  onConfirm={() => void backToSchool()}
                >
                  Revenir aux périodes de l’établissement
                </ConfirmButton>
              </Group>
            )}
            <LevelPeriodsEditor
              key={`${level}-${JSON.stringify(own)}-${ownDraft}`}
              overview={overview}
              year={year}
              level={level}
              periods={own.length > 0 ? own : periodsOfLevel(overview.periods, level)}
              readOnly={readOnly}
              scheduled={scheduled}
              onSaved={saved}
              onDirty={onDirty}
              {...(ownDraft ? { onCancel: () => setOwnDraft(false) } : {})}
            />
          </>
        )}
        {current.level === EVERY_LEVEL && overview.periods.length === 0 && readOnly && (
          <Alert color="blue" variant="light">
            La direction n’a pas encore enregistré les périodes de cette année.
          </Alert>
        )}
        <ReopeningsPanel overview={overview} readOnly={readOnly} onChange={onChange} />
      </Stack>
    </SectionCard>
  );
}
