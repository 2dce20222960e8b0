import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AssessmentSummary,
  GradeGrid,
  PeriodsOverview,
  StsPreview,
  TeachingServicesView,
} from '../../shared/api/staff';
import {
  ADMIN_PASSWORD,
  loginToken,
  startTestPupitre,
  value,
  type TestPupitre,
} from '../helpers/pupitre';

const STS = readFileSync(
  join(import.meta.dirname, '..', 'fixtures', 'sts', 'sts_emp_0259876Z_2026.xml'),
  // ISO-8859-15 as STS-Web writes it: read and sent back byte for byte.
  'latin1',
);

let p: TestPupitre;
let direction: string;

async function importSts(xml: string) {
  const preview = value<StsPreview>(
    await p.dispatch(
      'sts.upload',
      { fileName: 'sts_emp_0259876Z_2026.xml', bytes: new Uint8Array(Buffer.from(xml, 'latin1')) },
      direction,
    ),
  );
  value(
    await p.dispatch(
      'sts.apply',
      {
        previewId: preview.previewId,
        answers: preview.questions.map((q) => ({ stsId: q.stsId, userId: null })),
      },
      direction,
    ),
  );
  return preview;
}

beforeAll(async () => {
  p = await startTestPupitre({ students: 40 });
  direction = await loginToken(p, 'direction', ADMIN_PASSWORD);
});
afterAll(async () => p?.cleanup());

describe('a new STS-Web export and the marks already entered (issue 16 §1 and §3)', () => {
  it('keeps a service the file no longer names when it has devoirs, as the direction’s own', async () => {
    await importSts(STS);
    const services = value<TeachingServicesView>(
      await p.dispatch('services.list', {}, direction),
    ).services;
    const maths = services.find((s) => s.structureCode === '6A' && s.subject.code === '061300')!;
    const t1 = value<PeriodsOverview>(await p.dispatch('periods.list', {}, direction)).periods.find(
      (x) => x.level === '' && x.code === 'T1',
    )!;
    const ds = value<AssessmentSummary>(
      await p.dispatch(
        'assessments.create',
        { serviceId: maths.id, periodId: t1.id, label: 'DS 1', day: '2026-11-20' },
        direction,
      ),
    );
    const gridOf = async () =>
      value<GradeGrid>(
        await p.dispatch('grades.grid', { serviceId: maths.id, periodId: t1.id }, direction),
      );
    const pupil = (await gridOf()).pupils[0]!;
    value(
      await p.dispatch(
        'marks.save',
        { assessmentId: ds.id, studentId: pupil.id, text: '15,5', version: 0 },
        direction,
      ),
    );

    // The same export without 6A's mathematics (the first 061300 service, in 6A's block).
    const without = STS.replace(/<SERVICE CODE_MATIERE="061300"[^>]*>[\s\S]*?<\/SERVICE>/, '');
    expect(without).not.toBe(STS);
    const preview = await importSts(without);
    expect(preview.services.removed).toHaveLength(1);
    // The preview says what the apply does: the service stays, its devoirs with it.
    expect(preview.services.removed[0]!.detail).toContain(
      'gardé : 1 devoir saisi, il devient un service saisi à la main',
    );

    const after = value<TeachingServicesView>(
      await p.dispatch('services.list', {}, direction),
    ).services.find((s) => s.id === maths.id);
    expect(after).toMatchObject({ source: 'manual', structureCode: '6A' });
    expect((await gridOf()).pupils.find((x) => x.id === pupil.id)?.cells[String(ds.id)]?.text).toBe(
      '15,5',
    );
  });
});
