import { useEffect, useRef, useState } from 'react';
import { Alert, Button, FileInput, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router-dom';
import type { StsPreview, StsResult } from '../../shared/api/staff';
import { ConfirmButton } from '../ui/ConfirmButton';
import { ErrorAlert } from '../ui/ErrorAlert';
import { frenchSpacing } from '../ui/errors';
import { formatNumber } from '../ui/format';
import { callStaff, uploadForSts } from './api';
import { InfoList } from './components/InfoList';
import { PageHeader } from './components/PageHeader';
import { StsPreviewView } from './components/sts/StsPreviewView';
import { StsQuestions, type StsAnswers } from './components/sts/StsQuestions';
import { useFocusOnMount } from './hooks/useFocusOnMount';

type Step =
  | { name: 'choose' }
  | { name: 'preview'; preview: StsPreview }
  | { name: 'done'; result: StsResult; fileName: string };

/**
 * The STS-Web import, beside the SIECLE one: choose `sts_emp_<UAI>_<année>.xml`, read what it
 * would change (nothing written), answer the questions about teachers, then apply or cancel.
 */
export function StsImportPage() {
  const [step, setStep] = useState<Step>({ name: 'choose' });
  const [file, setFile] = useState<File | null>(null);
  const [answers, setAnswers] = useState<StsAnswers>({});
  const [busy, setBusy] = useState<'analyse' | 'apply' | 'cancel' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const pending = useRef<string | null>(null);
  useEffect(() => {
    pending.current = step.name === 'preview' ? step.preview.previewId : null;
  }, [step]);
  // Leaving the page forgets the preview (the parsed file) on the server.
  useEffect(
    () => () => {
      if (pending.current)
        callStaff('sts.cancel', { previewId: pending.current }).catch(() => undefined);
    },
    [],
  );

  async function analyse() {
    if (!file) return;
    setBusy('analyse');
    setError(null);
    try {
      const preview = await uploadForSts(file);
      setAnswers({});
      setStep({ name: 'preview', preview });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  }

  async function apply(preview: StsPreview) {
    setBusy('apply');
    setError(null);
    try {
      const result = await callStaff('sts.apply', {
        previewId: preview.previewId,
        answers: Object.entries(answers).map(([stsId, value]) => ({
          stsId,
          userId: value === 'new' ? null : Number(value),
        })),
      });
      setStep({ name: 'done', result, fileName: preview.fileName });
      setFile(null);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  }

  async function cancel(preview: StsPreview) {
    setBusy('cancel');
    await callStaff('sts.cancel', { previewId: preview.previewId }).catch(() => undefined);
    setBusy(null);
    setError(null);
    setFile(null);
    setStep({ name: 'choose' });
  }

  return (
    <Stack gap="md">
      <PageHeader
        title="Import STS-Web"
        subtitle="Matières, enseignants, services d’enseignement et professeurs principaux depuis l’export de STS-Web"
      />
      {step.name === 'choose' && (
        <Paper withBorder radius="md" p="lg" maw={760}>
          <Stack gap="md">
            <div>
              <Title order={2} size="h3">
                Choisir l’export STS-Web
              </Title>
              <Text size="sm" c="dimmed" mt={4}>
                {frenchSpacing(
                  'Dans STS-Web, exportez « sts_emp_<UAI>_<année>.xml ». Pupitre montre ce qui changerait, sans rien enregistrer tant que vous n’avez pas confirmé. L’export de votre logiciel d’emploi du temps (EDT_STS) n’est pas le bon fichier.',
                )}
              </Text>
            </div>
            <FileInput
              label="Export STS-Web (.xml)"
              placeholder="Choisir le fichier sts_emp_…xml"
              accept=".xml"
              value={file}
              onChange={(picked) => {
                setFile(picked);
                setError(null);
              }}
              clearable
            />
            {error !== null && <ErrorAlert error={error} title="Analyse impossible" />}
            <Group justify="flex-end">
              <Button onClick={() => void analyse()} disabled={!file} loading={busy === 'analyse'}>
                Analyser le fichier
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
      {step.name === 'preview' && (
        <PreviewStep
          preview={step.preview}
          answers={answers}
          onAnswer={(stsId, value) => setAnswers((current) => ({ ...current, [stsId]: value }))}
          error={error}
          busy={busy}
          onApply={() => void apply(step.preview)}
          onCancel={() => void cancel(step.preview)}
        />
      )}
      {step.name === 'done' && (
        <DoneStep
          result={step.result}
          fileName={step.fileName}
          onRestart={() => setStep({ name: 'choose' })}
        />
      )}
    </Stack>
  );
}

interface PreviewStepProps {
  preview: StsPreview;
  answers: StsAnswers;
  onAnswer: (stsId: string, value: string) => void;
  error: unknown;
  busy: 'analyse' | 'apply' | 'cancel' | null;
  onApply: () => void;
  onCancel: () => void;
}

function PreviewStep({
  preview,
  answers,
  onAnswer,
  error,
  busy,
  onApply,
  onCancel,
}: PreviewStepProps) {
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const open = preview.questions.filter((q) => answers[q.stsId] === undefined).length;
  const upToDate = preview.unchanged && !preview.problems.some((p) => p.blocking);
  return (
    <Stack gap="md">
      <div>
        <Title order={2} size="h3" ref={headingRef} tabIndex={-1}>
          Aperçu de l’import
        </Title>
        <Alert color="blue" variant="light" role="status" mt="xs">
          <Text size="sm" fw={600}>
            {frenchSpacing('Aperçu : rien n’a encore été enregistré.')}
          </Text>
          <Text size="sm">
            {frenchSpacing(
              `${preview.fileName} — établissement ${preview.uaj || 'inconnu'}${preview.schoolYear ? `, année ${preview.schoolYear}-${preview.schoolYear + 1}` : ''}.`,
            )}
          </Text>
        </Alert>
      </div>
      {error !== null && <ErrorAlert error={error} title="L’import n’a pas été appliqué" />}
      {/* The questions first: they are what the direction must act on. */}
      {preview.questions.length > 0 && (
        <StsQuestions questions={preview.questions} answers={answers} onAnswer={onAnswer} />
      )}
      <StsPreviewView preview={preview} />
      <Group justify="space-between" gap="sm" wrap="wrap" className="import-actions">
        <Text size="sm" c={preview.canApply ? 'dimmed' : 'red.9'}>
          {upToDate
            ? 'Rien à enregistrer.'
            : !preview.canApply
              ? 'Corrigez d’abord les problèmes bloquants signalés plus haut.'
              : open > 0
                ? frenchSpacing(
                    `Répondez aux questions sur les enseignants (${open} sans réponse).`,
                  )
                : 'Rien n’est enregistré avant votre confirmation.'}
        </Text>
        <Group gap="sm" wrap="nowrap">
          <Button variant="default" onClick={onCancel} loading={busy === 'cancel'}>
            {upToDate ? 'Terminer' : 'Annuler'}
          </Button>
          {!upToDate && (
            <ConfirmButton
              title="Appliquer l’import STS-Web ?"
              message={frenchSpacing(applySummary(preview, answers))}
              confirmLabel="Confirmer l’import"
              onConfirm={onApply}
              disabled={!preview.canApply || open > 0 || busy !== null}
              loading={busy === 'apply'}
            >
              Appliquer l’import
            </ConfirmButton>
          )}
        </Group>
      </Group>
    </Stack>
  );
}

/** What applying will write, counted as the preview shows it, answers included. */
function applySummary(preview: StsPreview, answers: StsAnswers): string {
  const created =
    preview.teachers.created.length + Object.values(answers).filter((a) => a === 'new').length;
  const parts = [
    [preview.services.added.length, 'service ajouté', 'services ajoutés'],
    [preview.services.removed.length, 'service retiré', 'services retirés'],
    [created, 'enseignant créé (sans mot de passe)', 'enseignants créés (sans mot de passe)'],
    [preview.subjects.added.length, 'matière ajoutée', 'matières ajoutées'],
  ] as const;
  const said = parts
    .filter(([count]) => count > 0)
    .map(([count, one, many]) => `${formatNumber(count)} ${count === 1 ? one : many}`);
  return `${said.length > 0 ? `${said.join(', ')}. ` : ''}Tout est enregistré d’un coup et inscrit au journal.`;
}

function DoneStep({
  result,
  fileName,
  onRestart,
}: {
  result: StsResult;
  fileName: string;
  onRestart: () => void;
}) {
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  return (
    <Paper withBorder radius="md" p="lg" maw={720}>
      <Stack gap="md">
        <Title order={2} size="h3" ref={headingRef} tabIndex={-1}>
          Import terminé
        </Title>
        <Alert color="green" variant="light" role="status">
          <Text size="sm">
            {frenchSpacing(
              `Les changements de ${fileName} sont enregistrés et l’import est inscrit au journal.`,
            )}
          </Text>
        </Alert>
        <InfoList
          items={Object.entries(result.counts)
            .filter(([, count]) => count > 0)
            .map(([label, count]) => ({
              label: label.charAt(0).toUpperCase() + label.slice(1),
              value: formatNumber(count),
            }))}
        />
        <Group gap="sm">
          <Button component={Link} to="/services">
            Voir les services d’enseignement
          </Button>
          <Button variant="default" onClick={onRestart}>
            Nouvel import
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
