import { useEffect, useState } from 'react';
import { Alert, Button, Group, Paper, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useNavigate, useParams } from 'react-router-dom';
import type {
  GridAssessment,
  PeriodsOverview,
  TeachingServiceSummary,
} from '../../shared/api/staff';
import { periodOfDay, periodsOfLevel, type GradingPeriod } from '../../shared/domain/periods';
import { ErrorAlert } from '../ui/ErrorAlert';
import { frenchSpacing } from '../ui/errors';
import { formatCount } from '../ui/format';
import { notifyError } from '../ui/notify';
import { PageLoader } from '../ui/PageLoader';
import { callStaff } from './api';
import { PageHeader } from './components/PageHeader';
import {
  AssessmentFormModal,
  type EditedAssessment,
} from './components/grades/AssessmentFormModal';
import { GradeGridTable } from './components/grades/GradeGridTable';
import { planPaste } from './components/grades/gridPaste';
import { useStaffQuery } from './hooks/useStaffQuery';

/** The periods the service's classes follow: their level's own, else the school's. */
function periodsOf(service: TeachingServiceSummary, overview: PeriodsOverview): GradingPeriod[] {
  const codes =
    service.structureKind === 'division' ? [service.structureCode] : service.groupDivisions;
  const levels = overview.levels
    .filter((l) => l.divisions.some((code) => codes.includes(code)))
    .map((l) => l.level);
  const periods = (levels.length > 0 ? levels : ['']).flatMap((level) =>
    periodsOfLevel(overview.periods, level),
  );
  return [...new Map(periods.map((p) => [p.id, p])).values()];
}

const serviceLabel = (s: TeachingServiceSummary) =>
  `${s.structureCode} — ${s.subject.label} — ${s.teacher.displayName}`;

/**
 * « Notes »: the marks grid of one teaching service over one period (issue 16 §3). A cell is
 * checked as typed and saved a moment after the last key, or at once when left (Entrée goes
 * down, Tab right, the arrows move; a wrong value keeps the focus). A spreadsheet's rows and
 * columns pasted in a cell fill the grid from there, all checked before anything is saved.
 */
export function GradesPage() {
  const services = useStaffQuery('services.list', {});
  const periods = useStaffQuery('periods.list', {});
  // The service is in the address (« #/notes/12 »): a grid can be bookmarked or sent to a
  // colleague, who reaches it only if it is one of theirs.
  const { serviceId: chosenService } = useParams();
  const navigate = useNavigate();
  const [chosenPeriod, setChosenPeriod] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [edited, setEdited] = useState<EditedAssessment | null>(null);

  const list = services.data?.services ?? [];
  const outOfReach =
    chosenService !== undefined &&
    services.data !== undefined &&
    !list.some((s) => String(s.id) === chosenService);
  const service = outOfReach
    ? null
    : (list.find((s) => String(s.id) === chosenService) ?? list[0] ?? null);
  const overview = periods.data ?? null;
  const servicePeriods = service && overview ? periodsOf(service, overview) : [];
  const period =
    servicePeriods.find((p) => String(p.id) === chosenPeriod) ??
    (overview ? periodOfDay(servicePeriods, overview.today) : null) ??
    servicePeriods[0] ??
    null;
  const grid = useStaffQuery(
    'grades.grid',
    { serviceId: service?.id ?? 0, periodId: period?.id ?? 0 },
    { enabled: service !== null && period !== null },
  );
  const data = grid.data && grid.data.service.id === service?.id ? grid.data : null;

  // Back to this window (after a colleague's, or one's own other window): the marks changed
  // meanwhile are shown; a cell being typed in keeps its text and meets them on saving.
  const reloadGrid = grid.reload;
  useEffect(() => {
    window.addEventListener('focus', reloadGrid);
    return () => window.removeEventListener('focus', reloadGrid);
  }, [reloadGrid]);

  async function save(assessmentId: number, studentId: number, text: string, version: number) {
    try {
      // Kept alive: the grid sends a mark typed just before the window closes as it closes.
      const result = await callStaff(
        'marks.save',
        { assessmentId, studentId, text, version },
        { keepalive: true },
      );
      // The cell shows theirs and says so; the page says it once more where it cannot be missed.
      if (result.status === 'stale') {
        notifications.show({ color: 'orange', message: result.message });
      }
      return result;
    } finally {
      // The pupil's average and the class figures as the server computes them.
      grid.reload();
    }
  }

  async function paste(fromColumn: number, fromRow: number, rows: string[][]) {
    if (!data) return;
    const plan = planPaste(data, fromColumn, fromRow, rows);
    if (!plan.ok) {
      notifications.show({ color: 'red', message: plan.message });
      return;
    }
    let saved = 0;
    try {
      // One call a devoir; each one is all or nothing on the server (a version changed
      // meanwhile refuses it), the values were all checked above before the first.
      for (const column of plan.columns) {
        saved += (await callStaff('marks.saveColumn', column)).cells.length;
      }
      notifications.show({
        color: 'green',
        message: `${formatCount(saved, 'note enregistrée', 'notes enregistrées')}.`,
      });
    } catch (caught) {
      notifyError(caught);
    }
    grid.reload();
  }

  function edit(assessment: GridAssessment) {
    const key = String(assessment.id);
    const markCount = (data?.pupils ?? []).filter((p) => p.cells[key]?.value != null).length;
    setEdited({ assessment, markCount });
  }

  const error = services.error ?? periods.error ?? grid.error;
  return (
    <Stack gap="md">
      <PageHeader
        title="Notes"
        subtitle="Saisie des notes d’un service, période par période"
        actions={data?.canEdit && <Button onClick={() => setCreating(true)}>Nouveau devoir</Button>}
      />
      {error !== null && <ErrorAlert error={error} title="Notes indisponibles" />}
      {(services.data === undefined || overview === null) && error === null && <PageLoader />}
      {outOfReach && (
        <Alert color="red" variant="light" role="alert" title="Service introuvable">
          <Text size="sm">
            {frenchSpacing(
              'Ce service n’est pas parmi ceux que vous pouvez consulter : seuls son professeur, le professeur principal de la division et la direction y ont accès. « Notes » dans le menu montre les vôtres.',
            )}
          </Text>
        </Alert>
      )}
      {services.data !== undefined && list.length === 0 && (
        <Alert color="blue" variant="light" role="status" title="Aucun service d’enseignement">
          <Text size="sm">
            {frenchSpacing(
              'Aucun service ne vous est attribué : la direction les importe de STS-Web.',
            )}
          </Text>
        </Alert>
      )}
      {service && overview && (
        <Group gap="sm" align="flex-end" wrap="wrap">
          <Select
            label="Service"
            data={list.map((s) => ({ value: String(s.id), label: serviceLabel(s) }))}
            value={String(service.id)}
            onChange={(value) => value && navigate(`/notes/${value}`)}
            allowDeselect={false}
            searchable
            w={{ base: '100%', sm: 420 }}
          />
          <Select
            label="Période"
            data={servicePeriods.map((p) => ({ value: String(p.id), label: p.label }))}
            value={period ? String(period.id) : null}
            onChange={(value) => setChosenPeriod(value)}
            allowDeselect={false}
            w={{ base: '100%', sm: 200 }}
          />
          {data && (
            <Text size="sm" fw={600} c={data.entry.state === 'closed' ? 'red.9' : undefined} pb={8}>
              {data.entry.text}
            </Text>
          )}
        </Group>
      )}
      {data && (
        <Paper withBorder radius="md" p={{ base: 'xs', sm: 'md' }}>
          {data.pupils.length === 0 ? (
            <Text size="sm">Aucun élève dans ce service.</Text>
          ) : (
            <GradeGridTable grid={data} onSave={save} onPaste={paste} onEdit={edit} />
          )}
          {data.assessments.length === 0 && data.pupils.length > 0 && (
            <Text size="sm" c="dimmed" mt="sm">
              {data.canEdit
                ? 'Aucun devoir pour cette période : « Nouveau devoir » en ajoute un.'
                : 'Aucun devoir pour cette période.'}
            </Text>
          )}
        </Paper>
      )}
      {(creating || edited) && data && overview && (
        <AssessmentFormModal
          key={edited ? `edit-${edited.assessment.id}` : 'new'}
          edited={edited ?? undefined}
          serviceId={data.service.id}
          periodId={data.period.id}
          defaultDay={
            overview.today >= data.period.startsOn && overview.today <= data.period.endsOn
              ? overview.today
              : data.period.endsOn
          }
          onClose={() => {
            setCreating(false);
            setEdited(null);
          }}
          onSaved={() => {
            setCreating(false);
            setEdited(null);
            grid.reload();
          }}
        />
      )}
    </Stack>
  );
}
