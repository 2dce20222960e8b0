import { useState } from 'react';
import { Button, Menu } from '@mantine/core';
import { periodOfDay, periodsOfLevel } from '../../../shared/domain/periods';
import { downloadReportCard } from '../../api/download';
import { notifyError } from '../../ui/notify';
import { useStaffQuery } from '../hooks/useStaffQuery';
import { useMayCall, useSession } from '../session';

/**
 * « Relevé de notes (PDF) » for a division or one pupil, a period to choose (the current one
 * first): what the secrétariat posts to families without the portal. Shown to direction and
 * the secrétariat, and to a teacher only on their own division as professeur principal.
 */
export function ReportCardButton({
  target,
  divisionId,
  fileLabel,
}: {
  target: { divisionId: number } | { studentId: number };
  divisionId: number;
  /** Names the file: « 4A », « DUPONT-Marie ». */
  fileLabel: string;
}) {
  const mayCall = useMayCall();
  const { session } = useSession();
  const allowed = mayCall('grades.reportCard');
  const teacher = session.role === 'teacher';
  const periods = useStaffQuery('periods.list', {}, { enabled: allowed });
  const divisions = useStaffQuery('divisions.list', {}, { enabled: allowed });
  const services = useStaffQuery('services.list', {}, { enabled: allowed && teacher });
  const [busy, setBusy] = useState(false);
  if (!allowed || !periods.data || !divisions.data) return null;
  const division = divisions.data.find((d) => d.id === divisionId);
  if (!division) return null;
  if (
    teacher &&
    !services.data?.mainTeachers.some(
      (m) => m.divisionCode === division.code && m.teacher.id === session.userId,
    )
  ) {
    return null;
  }
  const choices = periodsOfLevel(periods.data.periods, division.level ?? '');
  if (choices.length === 0) return null;
  const current = periodOfDay(choices, periods.data.today);
  const safeName = fileLabel.replace(/[^A-Za-z0-9-]/g, '_');

  function print(period: { id: number; code: string }) {
    setBusy(true);
    downloadReportCard({ periodId: period.id, ...target }, `releve-${safeName}-${period.code}.pdf`)
      .catch(notifyError)
      .finally(() => setBusy(false));
  }

  return (
    // A role="menu" holds menu items only (axe, aria-required-children): no Menu.Label, and
    // no focus placeholder (a bare focusable div): the first period takes the focus instead.
    <Menu position="bottom-end" withinPortal withInitialFocusPlaceholder={false}>
      <Menu.Target>
        <Button size="sm" variant="default" loading={busy}>
          Relevé de notes (PDF)
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {choices.map((period) => (
          <Menu.Item key={period.id} onClick={() => print(period)}>
            {period.label}
            {period.id === current?.id ? ' (en cours)' : ''}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
