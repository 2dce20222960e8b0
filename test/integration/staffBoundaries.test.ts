import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ErrorSummary } from '../../main/api/errorLog';
import { startPupitre, type Pupitre } from '../../main/bootstrap';
import { fixedClock } from '../../main/services/clock';
import { createHttpServer } from '../../main/http/staffServer';
import { SESSION_COOKIE } from '../../main/http/staffRoutes';
import type { StudentSearchResult } from '../../shared/api/staff';
import {
  ADMIN_PASSWORD,
  TEST_NOW,
  createStaffUser,
  loginToken,
  testHasher,
  value,
} from '../helpers/pupitre';

let p: Pupitre;
let dir: string;
let logged: { message: string; summary: ErrorSummary }[];
let direction: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pupitre-boundaries-'));
  logged = [];
  p = await startPupitre({
    dataDir: dir,
    clock: fixedClock(TEST_NOW),
    hasher: testHasher,
    adminPassword: ADMIN_PASSWORD,
    demoStudentCount: 120,
    demo: true,
    logger: { error: (message, summary) => logged.push({ message, summary }) },
  });
  direction = await loginToken(p, 'direction', ADMIN_PASSWORD);
});
afterEach(async () => {
  await p.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('what a teacher may search', () => {
  it('a teacher does not find a pupil by a guardian’s name, which the office does', async () => {
    // A guardian whose names start no word of any pupil's names: only the guardian leads there.
    const rows: { last: string; first: string; studentId: number }[] = await p.db.manager.query(
      `SELECT g.last_name AS last, g.first_name AS first, sg.student_id AS studentId
         FROM guardian g JOIN student_guardian sg ON sg.guardian_id = g.id
         JOIN student s ON s.id = sg.student_id
        WHERE s.left_on IS NULL
          AND NOT EXISTS (SELECT 1 FROM student o
                           WHERE o.search_last LIKE g.search_last || '%'
                              OR o.search_first LIKE g.search_last || '%'
                              OR o.search_last LIKE '% ' || g.search_last || '%')
        LIMIT 1`,
    );
    const target = rows[0]!;
    const teacher = await createStaffUser(p, direction, 'm.prof', 'teacher');
    const search = async (query: string, token: string) =>
      value<StudentSearchResult>(await p.dispatch('students.search', { query }, token)).items.map(
        (s) => s.id,
      );
    for (const query of [target.last, `${target.first} ${target.last}`]) {
      expect(await search(query, direction)).toContain(target.studentId);
      expect(await search(query, teacher.token)).not.toContain(target.studentId);
    }
  });
});

describe('what the log may hold', () => {
  it('a failed query logs its code and message, never its parameters (password hash, login)', async () => {
    await p.db.manager.query(
      `CREATE TRIGGER refuse_staff_user BEFORE INSERT ON staff_user
       BEGIN SELECT RAISE(ABORT, 'écriture refusée par le test'); END`,
    );
    const result = await p.dispatch(
      'users.create',
      { login: 'mme.secrete', displayName: 'Mme Secrète', role: 'secretariat' },
      direction,
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('internal');
    expect(logged).toHaveLength(1);
    const line = JSON.stringify(logged[0]);
    expect(line).toContain('écriture refusée par le test');
    expect(line).toContain('SQLITE_CONSTRAINT');
    for (const secret of ['scrypt$', 'mme.secrete', 'Mme Secrète', 'INSERT']) {
      expect(line).not.toContain(secret);
    }
  });
});

describe('what browsers may keep', () => {
  it('API answers carry Cache-Control: no-store; the window’s files do not need it', async () => {
    const app = await createHttpServer({
      dispatch: p.dispatch,
      imports: p.services.imports,
      letters: p.services.letters,
      rendererDir: null,
    });
    try {
      const response = await app.inject({
        method: 'POST',
        url: '/api/students.search',
        headers: { 'content-type': 'application/json', cookie: `${SESSION_COOKIE}=${direction}` },
        payload: '{}',
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('no-store');
      const refused = await app.inject({ method: 'POST', url: '/api/session.me', payload: {} });
      expect(refused.statusCode).toBe(401);
      expect(refused.headers['cache-control']).toBe('no-store');
    } finally {
      await app.close();
    }
  });
});
