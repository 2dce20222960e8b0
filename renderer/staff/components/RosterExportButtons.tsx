import { useState } from 'react';
import { Button } from '@mantine/core';
import { downloadRosterPdf, saveCsv } from '../../api/download';
import { notifyError } from '../../ui/notify';
import { callStaff } from '../api';
import { useMayCall } from '../session';

/**
 * « Imprimer la liste » and « Exporter en CSV » for a division or a group: the secretariat's September
 * lists. Shown only to the roles that may see guardians' phones.
 */
export function RosterExportButtons({
  target,
  code,
}: {
  target: { divisionId: number } | { group: string };
  code: string;
}) {
  const mayCall = useMayCall();
  const [busy, setBusy] = useState<'pdf' | 'csv' | null>(null);
  if (!mayCall('rosters.pdf')) return null;
  const fileName = `liste-${'group' in target ? 'groupe-' : ''}${code.replace(/[^A-Za-z0-9-]/g, '_')}`;

  function run(kind: 'pdf' | 'csv', work: () => Promise<void>) {
    setBusy(kind);
    work()
      .catch(notifyError)
      .finally(() => setBusy(null));
  }

  return (
    <>
      <Button
        size="sm"
        loading={busy === 'pdf'}
        onClick={() => run('pdf', () => downloadRosterPdf(target, `${fileName}.pdf`))}
      >
        Imprimer la liste (PDF)
      </Button>
      <Button
        size="sm"
        variant="default"
        loading={busy === 'csv'}
        onClick={() =>
          run('csv', async () => saveCsv(await callStaff('rosters.csv', target), `${fileName}.csv`))
        }
      >
        Exporter en CSV
      </Button>
    </>
  );
}
