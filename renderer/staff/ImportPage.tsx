import { useEffect, useRef, useState } from 'react';
import { Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ImportPreview, ImportResult } from '../../shared/api/staff';
import { callStaff } from './api';
import { ApplyConfirmModal } from './components/import/ApplyConfirmModal';
import type { ChosenFile } from './components/import/ChosenFileList';
import { ChooseFilesStep } from './components/import/ChooseFilesStep';
import { ImportDone } from './components/import/ImportDone';
import { ImportPreviewStep } from './components/import/ImportPreviewStep';
import { PageHeader } from './components/PageHeader';
import { useSession } from './session';

type Step =
  | { name: 'choose' }
  | { name: 'preview'; preview: ImportPreview; uploadIds: string[] }
  | { name: 'done'; result: ImportResult; fileNames: string[] };

type Busy = 'apply' | 'cancel' | 'reload' | null;

export const CANCELLED_MESSAGE = 'Import annulé : rien n’a été enregistré.';

function forgetPreview(previewId: string) {
  callStaff('import.cancel', { previewId }).catch(() => undefined);
}

/**
 * The SIECLE import: choose the exports, read the preview (nothing written), then apply or
 * cancel. A preview left behind (another page opened) is cancelled, so that its files do not
 * wait on the server.
 */
export function ImportPage() {
  const { session } = useSession();
  const [files, setFiles] = useState<ChosenFile[]>([]);
  const [step, setStep] = useState<Step>({ name: 'choose' });
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<unknown>(null);

  const pendingPreviewId = useRef<string | null>(null);
  const mounted = useRef(false);
  useEffect(() => {
    pendingPreviewId.current = step.name === 'preview' ? step.preview.previewId : null;
  }, [step]);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      const previewId = pendingPreviewId.current;
      // Leaving the page: nothing was applied, the server may forget the files.
      if (previewId) forgetPreview(previewId);
    };
  }, []);

  function showPreview(preview: ImportPreview, uploadIds: string[]) {
    // The analysis finished after the user had left the page: nobody will read this preview.
    if (!mounted.current) {
      forgetPreview(preview.previewId);
      return;
    }
    setError(null);
    setStep({ name: 'preview', preview, uploadIds });
  }

  async function apply() {
    if (step.name !== 'preview') return;
    setBusy('apply');
    setError(null);
    try {
      const result = await callStaff('import.apply', { previewId: step.preview.previewId });
      setConfirming(false);
      setFiles([]);
      setStep({ name: 'done', result, fileNames: step.preview.files.map((f) => f.fileName) });
    } catch (caught) {
      setConfirming(false);
      setError(caught);
    } finally {
      setBusy(null);
    }
  }

  /** "Annuler" and, when nothing would change, "Terminer": both end with nothing written. */
  async function cancel(upToDate: boolean) {
    if (step.name !== 'preview') return;
    setBusy('cancel');
    try {
      await callStaff('import.cancel', { previewId: step.preview.previewId });
    } catch {
      // An expired or unknown preview was never applied: the message below holds all the same.
    } finally {
      setBusy(null);
    }
    setError(null);
    // Back to an empty step 1: the server has forgotten these files, and a refused file left
    // in the list would spoil the next analysis.
    setFiles([]);
    setStep({ name: 'choose' });
    if (!upToDate) notifications.show({ color: 'blue', message: CANCELLED_MESSAGE });
  }

  /** After a "conflict": the same uploaded files, compared again with the database as it is now. */
  async function reload() {
    if (step.name !== 'preview') return;
    setBusy('reload');
    try {
      const preview = await callStaff('import.preview', { uploadIds: step.uploadIds });
      showPreview(preview, step.uploadIds);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  }

  return (
    <Stack gap="md">
      <PageHeader
        title="Import SIECLE"
        subtitle="Élèves, responsables et divisions mis à jour depuis les exports de SIECLE (BEE)"
      />
      {step.name === 'choose' && (
        <ChooseFilesStep files={files} onFilesChange={setFiles} onPreview={showPreview} />
      )}
      {step.name === 'preview' && (
        <>
          <ImportPreviewStep
            // A new preview (after "Relancer l'aperçu") starts again from its heading.
            key={step.preview.previewId}
            preview={step.preview}
            schoolUai={session.school.uai}
            error={error}
            busy={busy}
            onApply={() => {
              setError(null);
              setConfirming(true);
            }}
            onCancel={() => {
              const hasBlocking = step.preview.problems.some((problem) => problem.blocking);
              void cancel(step.preview.unchanged && !hasBlocking);
            }}
            onReload={() => void reload()}
          />
          <ApplyConfirmModal
            preview={step.preview}
            opened={confirming}
            applying={busy === 'apply'}
            onConfirm={() => void apply()}
            onClose={() => setConfirming(false)}
          />
        </>
      )}
      {step.name === 'done' && (
        <ImportDone
          result={step.result}
          fileNames={step.fileNames}
          onRestart={() => setStep({ name: 'choose' })}
        />
      )}
    </Stack>
  );
}
