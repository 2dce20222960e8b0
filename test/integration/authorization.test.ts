import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createHttpServer } from '../../main/http/staffServer';
import { SESSION_COOKIE } from '../../main/http/staffRoutes';
import { STAFF_CALL_NAMES, type StaffCallName, type StaffInput } from '../../shared/api/staff';
import { STAFF_ROLES, type StaffRole } from '../../shared/domain/roles';
import {
  ADMIN_PASSWORD,
  createStaffUser,
  loginToken,
  startTestPupitre,
  type TestPupitre,
} from '../helpers/pupitre';

// Every staff call × every role (and no session), over the real HTTP transport.
// The expected table is written out here, not derived from the contract, so that a
// widened `access` list in shared/api/staff.ts shows up as a failing test.
const EVERYONE: readonly StaffRole[] = STAFF_ROLES;
const OFFICE: readonly StaffRole[] = ['direction', 'secretariat', 'cpe'];
const DIRECTION: readonly StaffRole[] = ['direction'];
const IMPORTERS: readonly StaffRole[] = ['direction', 'secretariat'];
const ACCOUNT_HOLDERS: readonly StaffRole[] = ['direction', 'secretariat'];
// The CPE previews what a family reads of its vie scolaire (issue 17 §4), not its notes.
const PORTAL_PREVIEWERS: readonly StaffRole[] = ['direction', 'secretariat', 'cpe'];
const GRADERS: readonly StaffRole[] = ['direction', 'teacher'];
const SCHOOL_LIFE_KEEPERS: readonly StaffRole[] = ['direction', 'cpe'];
const ROLL_TAKERS: readonly StaffRole[] = ['direction', 'cpe', 'teacher'];
// A teacher only as professeur principal of the division (reportCard.test.ts checks that).
const REPORT_CARD_PRINTERS: readonly StaffRole[] = ['direction', 'secretariat', 'teacher'];
const INFO_SHEET_REVIEWERS: readonly StaffRole[] = ['direction', 'secretariat'];
const EXPECTED: Record<StaffCallName, 'public' | readonly StaffRole[]> = {
  'setup.status': 'public',
  'setup.createSchool': 'public',
  'session.login': 'public',
  'session.me': EVERYONE,
  'session.logout': EVERYONE,
  'session.changePassword': EVERYONE,
  'dashboard.summary': EVERYONE,
  'groups.list': EVERYONE,
  'guardians.list': OFFICE,
  'rosters.csv': OFFICE,
  'rosters.pdf': OFFICE,
  'school.get': EVERYONE,
  'school.year': EVERYONE,
  'settings.update': DIRECTION,
  'divisions.list': EVERYONE,
  'students.search': EVERYONE,
  'students.get': EVERYONE,
  'guardians.get': OFFICE,
  'users.list': DIRECTION,
  'users.create': DIRECTION,
  'users.update': DIRECTION,
  'users.resetPassword': DIRECTION,
  'audit.list': DIRECTION,
  'import.upload': IMPORTERS,
  'import.preview': IMPORTERS,
  'import.apply': IMPORTERS,
  'import.cancel': IMPORTERS,
  'accounts.search': ACCOUNT_HOLDERS,
  'accounts.get': ACCOUNT_HOLDERS,
  'accounts.setNoEmail': ACCOUNT_HOLDERS,
  'accounts.resendConfirmation': ACCOUNT_HOLDERS,
  'accounts.recordRefusal': ACCOUNT_HOLDERS,
  'accounts.reactivate': ACCOUNT_HOLDERS,
  'accounts.close': ACCOUNT_HOLDERS,
  'campaign.summary': ACCOUNT_HOLDERS,
  'campaign.list': ACCOUNT_HOLDERS,
  'campaign.csv': ACCOUNT_HOLDERS,
  'accounts.preview': PORTAL_PREVIEWERS,
  'accounts.previewNotes': ACCOUNT_HOLDERS,
  'accounts.previewInfoSheet': ACCOUNT_HOLDERS,
  'accounts.splitMerge': ACCOUNT_HOLDERS,
  'childReports.list': ACCOUNT_HOLDERS,
  'childReports.handle': ACCOUNT_HOLDERS,
  'letters.plan': ACCOUNT_HOLDERS,
  'letters.start': ACCOUNT_HOLDERS,
  'letters.job': ACCOUNT_HOLDERS,
  'letters.cancel': ACCOUNT_HOLDERS,
  'letters.batches': ACCOUNT_HOLDERS,
  'letters.download': ACCOUNT_HOLDERS,
  'letters.deleteBatch': ACCOUNT_HOLDERS,
  'letters.email': ACCOUNT_HOLDERS,
  'mail.list': ACCOUNT_HOLDERS,
  'mail.retry': ACCOUNT_HOLDERS,
  'mail.settings': DIRECTION,
  'mail.updateSettings': DIRECTION,
  'mail.sendTest': DIRECTION,
  'sts.upload': DIRECTION,
  'sts.apply': DIRECTION,
  'sts.cancel': DIRECTION,
  'services.list': EVERYONE,
  'services.options': DIRECTION,
  'services.save': DIRECTION,
  'services.remove': DIRECTION,
  'periods.list': EVERYONE,
  'periods.update': DIRECTION,
  'periods.removeLevel': DIRECTION,
  'periods.reopen': DIRECTION,
  'periods.withdrawReopening': DIRECTION,
  'publication.get': EVERYONE,
  'publication.update': DIRECTION,
  'coefficients.list': EVERYONE,
  'coefficients.update': DIRECTION,
  'assessments.create': GRADERS,
  'assessments.update': GRADERS,
  'assessments.delete': GRADERS,
  'grades.grid': GRADERS,
  'marks.save': GRADERS,
  'marks.saveColumn': GRADERS,
  'grades.subjectAverage': GRADERS,
  'grades.reportCard': REPORT_CARD_PRINTERS,
  'motifs.list': OFFICE,
  'motifs.save': SCHOOL_LIFE_KEEPERS,
  'schoolLife.settings': OFFICE,
  'schoolLife.updateSettings': SCHOOL_LIFE_KEEPERS,
  'roll.open': EVERYONE,
  'roll.hours': EVERYONE,
  'roll.save': ROLL_TAKERS,
  'schoolLife.record': SCHOOL_LIFE_KEEPERS,
  'schoolLife.queue': SCHOOL_LIFE_KEEPERS,
  'schoolLife.process': SCHOOL_LIFE_KEEPERS,
  'schoolLife.watch': SCHOOL_LIFE_KEEPERS,
  'justifications.list': SCHOOL_LIFE_KEEPERS,
  'justifications.decide': SCHOOL_LIFE_KEEPERS,
  'accounts.previewSchoolLife': SCHOOL_LIFE_KEEPERS,
  'schoolLife.watchCsv': SCHOOL_LIFE_KEEPERS,
  'schoolLife.noticeEmail': SCHOOL_LIFE_KEEPERS,
  'schoolLife.noticePdf': SCHOOL_LIFE_KEEPERS,
  'schoolLife.noticePrinted': SCHOOL_LIFE_KEEPERS,
  'schoolLife.reportToDsden': SCHOOL_LIFE_KEEPERS,
  'infoSheets.queue': INFO_SHEET_REVIEWERS,
  'infoSheets.review': INFO_SHEET_REVIEWERS,
  'infoSheets.export': INFO_SHEET_REVIEWERS,
  'infoSheets.exports': INFO_SHEET_REVIEWERS,
  'infoSheets.exportWaiting': INFO_SHEET_REVIEWERS,
  'infoSheets.exportFile': INFO_SHEET_REVIEWERS,
  'schoolLife.archiveCsv': SCHOOL_LIFE_KEEPERS,
  'schoolLife.archivePdf': SCHOOL_LIFE_KEEPERS,
  'schoolLife.purgePlan': DIRECTION,
  'schoolLife.setRetention': DIRECTION,
  'schoolLife.purge': DIRECTION,
};

let p: TestPupitre;
let app: FastifyInstance;
const passwords = new Map<StaffRole, { login: string; password: string }>();
let victimId = 0;
let sampleInputs: { [K in StaffCallName]: StaffInput<K> };

beforeAll(async () => {
  p = await startTestPupitre({ students: 40 });
  app = await createHttpServer({
    dispatch: p.dispatch,
    imports: p.services.imports,
    letters: p.services.letters,
    rendererDir: null,
  });
  const direction = await loginToken(p, 'direction', ADMIN_PASSWORD);
  passwords.set('direction', { login: 'direction', password: ADMIN_PASSWORD });
  for (const role of ['secretariat', 'cpe', 'teacher'] as const) {
    const user = await createStaffUser(p, direction, `test-${role}`, role);
    passwords.set(role, { login: `test-${role}`, password: user.password });
  }
  victimId = (await createStaffUser(p, direction, 'test-victim', 'teacher')).id;
  const settings = await p.services.school.get({
    sessionId: 0,
    userId: 1,
    schoolId: 1,
    role: 'direction',
    login: 'direction',
    displayName: '',
    mustChangePassword: false,
  });
  const guardianAccount = (
    (await p.db.manager.query(`SELECT id FROM family_account WHERE kind = 'guardian' LIMIT 1`)) as {
      id: number;
    }[]
  )[0]!.id;
  sampleInputs = {
    'setup.status': {},
    'setup.createSchool': { kind: 'demo' },
    'session.login': { login: 'direction', password: ADMIN_PASSWORD },
    'session.me': {},
    'session.logout': {},
    'session.changePassword': { currentPassword: 'not-the-password', newPassword: 'Nouveau2026x' },
    'dashboard.summary': {},
    'school.get': {},
    'school.year': {},
    'settings.update': settings,
    'divisions.list': {},
    'students.search': { query: 'a' },
    'students.get': { id: 1 },
    'guardians.get': { id: 1 },
    'groups.list': {},
    'guardians.list': { withoutEmail: true },
    'rosters.csv': { divisionId: 1 },
    'rosters.pdf': { divisionId: 1 },
    'users.list': {},
    'users.create': {
      login: `new-${Math.random().toString(36).slice(2, 8)}`,
      displayName: 'Nouveau',
      role: 'teacher',
    },
    'users.update': { id: victimId, displayName: 'Victime renommée' },
    'users.resetPassword': { id: victimId },
    'audit.list': {},
    'import.upload': { fileName: 'vide.xml', bytes: new Uint8Array([60, 97, 47, 62]) },
    'import.preview': { uploadIds: ['inconnu-0000000000'] },
    'import.apply': { previewId: 'inconnu-0000000000' },
    'import.cancel': { previewId: 'inconnu-0000000000' },
    'accounts.search': { query: '' },
    'accounts.get': { id: 1 },
    'accounts.setNoEmail': { id: guardianAccount, noEmail: true },
    'accounts.resendConfirmation': { id: 1 },
    'accounts.recordRefusal': { studentAccountIds: [999_999] },
    'accounts.reactivate': { id: 1 },
    'accounts.close': { id: 999_999 },
    'campaign.summary': {},
    'campaign.list': { group: 'not_notified' },
    'campaign.csv': {},
    'accounts.preview': { id: guardianAccount, asOf: '2026-11-22' },
    'accounts.previewNotes': { id: guardianAccount, asOf: '2026-11-22' },
    'accounts.previewInfoSheet': { id: guardianAccount },
    'accounts.splitMerge': { id: 999_999 },
    'childReports.list': {},
    'childReports.handle': { id: 999_999 },
    'letters.plan': { scope: { kind: 'school' } },
    'letters.start': { scope: { kind: 'accounts', accountIds: [999_999] } },
    'letters.job': { jobId: 'inconnu-0000000000' },
    'letters.cancel': { jobId: 'inconnu-0000000000' },
    'letters.batches': {},
    'letters.download': { id: 999_999 },
    'letters.deleteBatch': { id: 999_999 },
    'letters.email': { scope: { kind: 'accounts', accountIds: [999_999] } },
    'mail.list': {},
    'mail.retry': { id: 999_999 },
    'mail.settings': {},
    'mail.updateSettings': {
      transport: 'folder',
      host: '',
      port: 587,
      security: 'starttls',
      username: '',
      fromAddress: '',
      fromName: '',
      perMinute: 30,
    },
    'mail.sendTest': { to: 'essai@example.org' },
    'sts.upload': { fileName: 'sts.xml', bytes: new Uint8Array([60, 97, 47, 62]) },
    'sts.apply': { previewId: 'inconnu-0000000000' },
    'sts.cancel': { previewId: 'inconnu-0000000000' },
    'services.list': {},
    'services.options': {},
    'services.save': {
      subjectCode: '999999',
      structureKind: 'division',
      structureCode: '3A',
      teacherId: victimId,
    },
    'services.remove': { id: 999_999 },
    'periods.list': {},
    // Dates outside the year: refused as invalid input, so no call changes the periods.
    'periods.update': {
      level: '4e',
      kind: 'semestres',
      periods: [
        { startsOn: '2000-01-01', endsOn: '2000-01-02', closesOn: null, publishesOn: null },
        { startsOn: '2000-01-03', endsOn: '2000-01-04', closesOn: null, publishesOn: null },
      ],
    },
    'periods.removeLevel': { level: '4e' },
    'periods.reopen': { periodId: 999_999, teacherId: victimId, untilOn: '2027-01-15' },
    'periods.withdrawReopening': { id: 999_999 },
    'publication.get': {},
    'publication.update': { mode: 'continuous', studentDelayDays: 0, parentDelayDays: 0 },
    'coefficients.list': { divisionId: 999_999 },
    'coefficients.update': { divisionId: 999_999, subjectCode: '030201', coefficient: 2 },
    // Unknown service, assessment: refused as not found, so no call writes a mark.
    'assessments.create': {
      serviceId: 999_999,
      periodId: 999_999,
      label: 'DS 1',
      day: '2026-11-20',
    },
    'assessments.update': {
      id: 999_999,
      version: 1,
      periodId: 999_999,
      label: 'DS 1',
      day: '2026-11-20',
    },
    'assessments.delete': { id: 999_999 },
    'grades.grid': { serviceId: 999_999, periodId: 999_999 },
    'marks.save': { assessmentId: 999_999, studentId: 999_999, text: '12', version: 0 },
    'marks.saveColumn': {
      assessmentId: 999_999,
      cells: [{ studentId: 999_999, text: '12', version: 0 }],
    },
    'grades.subjectAverage': { serviceId: 999_999, periodId: 999_999, studentId: 999_999 },
    'grades.reportCard': { periodId: 999_999, divisionId: 999_999 },
    'motifs.list': {},
    // An empty label: refused as invalid input, so no call adds a motif.
    'motifs.save': { label: '', legitimate: false, openToFamilies: false, confidential: false },
    'schoolLife.settings': {},
    'schoolLife.updateSettings': { middayBoundary: '25:00', closedPeriods: [] },
    // 30 February: refused as invalid input, whoever teaches what.
    'roll.open': {
      structure: { kind: 'division', code: '3A' },
      day: '2026-02-30',
      slot: { kind: 'halfDay', part: 'morning' },
    },
    'roll.hours': {},
    'roll.save': {
      structure: { kind: 'division', code: '3A' },
      day: '2026-02-30',
      slot: { kind: 'halfDay', part: 'morning' },
      entries: [],
    },
    'schoolLife.record': {
      studentId: 999_999,
      kind: 'absence',
      startsAt: '2026-11-23T08:00:00.000Z',
      endsAt: '2026-11-23T11:00:00.000Z',
    },
    'schoolLife.queue': {},
    'schoolLife.process': {
      id: 999_999,
      version: 1,
      motifId: null,
      justified: false,
      publishableOnline: false,
    },
    'schoolLife.watch': { month: '2026-11' },
    'justifications.list': {},
    'justifications.decide': { id: 999_999, decision: 'accept' },
    'accounts.previewSchoolLife': { id: guardianAccount, asOf: '2026-11-22' },
    'schoolLife.watchCsv': { month: '2026-11' },
    'schoolLife.noticeEmail': { id: 999_999 },
    'schoolLife.noticePdf': { id: 999_999 },
    'schoolLife.noticePrinted': { id: 999_999 },
    // A pupil of another school or none: refused, nothing recorded.
    'schoolLife.reportToDsden': { month: '2026-11', studentId: 999_999, reportedOn: '2026-12-01' },
    'infoSheets.queue': {},
    'infoSheets.review': { id: 999_999, version: 1, all: 'accepted' },
    'infoSheets.export': {},
    'infoSheets.exports': {},
    'infoSheets.exportWaiting': {},
    'infoSheets.exportFile': { id: 999_999 },
    'schoolLife.archiveCsv': {},
    'schoolLife.archivePdf': { divisionId: 1 },
    'schoolLife.purgePlan': {},
    'schoolLife.setRetention': { years: 2 },
    'schoolLife.purge': { confirmedCount: 1 },
  };
});
afterAll(async () => {
  await app?.close();
  await p?.cleanup();
});

async function call(name: string, input: unknown, token: string | null) {
  const response = await app.inject({
    method: 'POST',
    url: `/api/${name}`,
    headers: {
      'content-type': 'application/json',
      ...(token ? { cookie: `${SESSION_COOKIE}=${token}` } : {}),
    },
    payload: JSON.stringify(input),
  });
  // A call answering bytes (a PDF) sends them raw once allowed: nothing to parse.
  const binary = response.headers['content-type'] === 'application/octet-stream';
  return {
    status: response.statusCode,
    body: binary
      ? { ok: true }
      : (response.json() as { ok: boolean; error?: { code: string; message: string } }),
  };
}

async function freshToken(role: StaffRole): Promise<string> {
  const creds = passwords.get(role)!;
  return loginToken(p, creds.login, creds.password);
}

describe('every staff API call checks the session and the role', () => {
  it('covers every call of the contract', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...STAFF_CALL_NAMES].sort());
  });

  for (const name of STAFF_CALL_NAMES) {
    it(`${name}: without a session`, async () => {
      const { status, body } = await call(name, sampleInputs[name], null);
      if (EXPECTED[name] === 'public') {
        expect(body.error?.code).not.toBe('unauthenticated');
        expect(body.error?.code).not.toBe('forbidden');
      } else {
        expect(status).toBe(401);
        expect(body).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
      }
    });

    for (const role of STAFF_ROLES) {
      it(`${name}: as ${role}`, async () => {
        const { status, body } = await call(name, sampleInputs[name], await freshToken(role));
        const expected = EXPECTED[name];
        if (expected === 'public' || expected.includes(role)) {
          expect([401, 403]).not.toContain(status);
          expect(body.error?.code ?? 'ok').not.toMatch(/unauthenticated|forbidden|internal/);
        } else {
          expect(status).toBe(403);
          expect(body).toMatchObject({
            ok: false,
            error: { code: 'forbidden', message: 'Votre rôle ne permet pas cette action.' },
          });
        }
      });
    }
  }

  for (const role of [null, ...STAFF_ROLES]) {
    it(`/upload/import (SIECLE file upload): ${role ?? 'without a session'}`, async () => {
      const token = role ? await freshToken(role) : null;
      const response = await app.inject({
        method: 'POST',
        url: '/upload/import',
        headers: {
          'content-type': 'application/octet-stream',
          'x-file-name': encodeURIComponent('Élèves.xml'),
          ...(token ? { cookie: `${SESSION_COOKIE}=${token}` } : {}),
        },
        payload: Buffer.from('<BEE_ELEVES/>'),
      });
      const allowed = EXPECTED['import.upload'] as readonly StaffRole[];
      if (role === null) expect(response.statusCode).toBe(401);
      else if (allowed.includes(role)) {
        expect(response.statusCode).toBe(200);
        expect(response.json()).toMatchObject({
          ok: true,
          value: { fileName: 'Élèves.xml', bytes: 13 },
        });
      } else expect(response.statusCode).toBe(403);
    });
  }

  for (const role of [null, ...STAFF_ROLES]) {
    it(`/upload/sts (STS-Web export upload): ${role ?? 'without a session'}`, async () => {
      const token = role ? await freshToken(role) : null;
      const response = await app.inject({
        method: 'POST',
        url: '/upload/sts',
        headers: {
          'content-type': 'application/octet-stream',
          'x-file-name': encodeURIComponent('sts_emp.xml'),
          ...(token ? { cookie: `${SESSION_COOKIE}=${token}` } : {}),
        },
        payload: Buffer.from('<EDT_STS/>'),
      });
      const allowed = EXPECTED['sts.upload'] as readonly StaffRole[];
      if (role === null) expect(response.statusCode).toBe(401);
      else if (allowed.includes(role)) {
        // Read and refused for what it is: the role let it through.
        expect(response.json()).toMatchObject({
          ok: false,
          error: { code: 'invalid_input', message: expect.stringContaining('(EDT_STS)') },
        });
      } else expect(response.statusCode).toBe(403);
    });
  }

  for (const role of [null, ...STAFF_ROLES]) {
    it(`/letters/:id.pdf (a batch of letters): ${role ?? 'without a session'}`, async () => {
      const token = role ? await freshToken(role) : null;
      const response = await app.inject({
        method: 'GET',
        url: '/letters/999999.pdf',
        headers: token ? { cookie: `${SESSION_COOKIE}=${token}` } : {},
      });
      const allowed = EXPECTED['letters.download'] as readonly StaffRole[];
      if (role === null) expect(response.statusCode).toBe(401);
      else if (allowed.includes(role)) expect(response.statusCode).toBe(404);
      else expect(response.statusCode).toBe(403);
    });
  }

  for (const role of [null, ...STAFF_ROLES]) {
    it(`/rosters.pdf (a division's printable list): ${role ?? 'without a session'}`, async () => {
      const token = role ? await freshToken(role) : null;
      const response = await app.inject({
        method: 'GET',
        url: '/rosters.pdf?division=1',
        headers: token ? { cookie: `${SESSION_COOKIE}=${token}` } : {},
      });
      const allowed = EXPECTED['rosters.pdf'] as readonly StaffRole[];
      expect(response.headers['cache-control']).toBe('no-store');
      if (role === null) expect(response.statusCode).toBe(401);
      else if (allowed.includes(role)) {
        expect(response.statusCode).toBe(200);
        expect(response.headers['content-type']).toBe('application/pdf');
        expect(response.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      } else expect(response.statusCode).toBe(403);
    });
  }

  for (const role of [null, ...STAFF_ROLES]) {
    it(`/releve.pdf (a relevé de notes): ${role ?? 'without a session'}`, async () => {
      const token = role ? await freshToken(role) : null;
      const response = await app.inject({
        method: 'GET',
        url: '/releve.pdf?periode=999999&division=999999',
        headers: token ? { cookie: `${SESSION_COOKIE}=${token}` } : {},
      });
      const allowed = EXPECTED['grades.reportCard'] as readonly StaffRole[];
      expect(response.headers['cache-control']).toBe('no-store');
      if (role === null) expect(response.statusCode).toBe(401);
      else if (allowed.includes(role)) expect(response.statusCode).toBe(404);
      else expect(response.statusCode).toBe(403);
    });
  }

  for (const role of [null, ...STAFF_ROLES]) {
    it(`/export-siecle/:id (a SIECLE export's zip): ${role ?? 'without a session'}`, async () => {
      const token = role ? await freshToken(role) : null;
      const response = await app.inject({
        method: 'GET',
        url: '/export-siecle/999999',
        headers: token ? { cookie: `${SESSION_COOKIE}=${token}` } : {},
      });
      const allowed = EXPECTED['infoSheets.exportFile'] as readonly StaffRole[];
      expect(response.headers['cache-control']).toBe('no-store');
      if (role === null) expect(response.statusCode).toBe(401);
      else if (allowed.includes(role)) expect(response.statusCode).toBe(404);
      else expect(response.statusCode).toBe(403);
    });
  }

  it('refuses a forged or expired session cookie', async () => {
    const { status, body } = await call('session.me', {}, 'forged-token');
    expect(status).toBe(401);
    expect(body.error?.message).toMatch(/reconnectez-vous/);
  });

  it('answers an unknown call in French, without a stack trace', async () => {
    const { status, body } = await call('students.delete', {}, await freshToken('direction'));
    expect(status).toBe(404);
    expect(body).toEqual({
      ok: false,
      error: { code: 'unknown_call', message: 'Action inconnue : students.delete.' },
    });
  });

  it('refuses a request whose Host is not this server’s (DNS rebinding)', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/setup.status',
      headers: {
        'content-type': 'application/json',
        host: 'evil.example:3210',
        origin: 'http://evil.example:3210',
      },
      payload: '{}',
    });
    expect(response.statusCode).toBe(421);
    expect(response.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses a request posted from another site', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/session.me',
      headers: {
        'content-type': 'application/json',
        origin: 'http://evil.example',
        cookie: `${SESSION_COOKIE}=${await freshToken('direction')}`,
      },
      payload: '{}',
    });
    expect(response.statusCode).toBe(403);
  });
});
