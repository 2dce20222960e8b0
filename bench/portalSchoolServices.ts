// The portal bench school's two services, opened with a term's data so that the home page
// measured is the one families get (the notes tile's « nouvelles notes », the vie scolaire
// tile's « demi-journées d’absences ce trimestre »): every pupil of the families' children's
// divisions has marks in six subjects since the year began, and each of those children a
// year's vie scolaire events so far. Written straight into the database file (a bench
// fixture, not an import), relative to the real today: the portal runs on the real clock.
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { addDays, parisDay, parisStartOfDay } from '../shared/domain/publication/parisDays';

const SUBJECTS: [string, string][] = [
  ['061300', 'MATHÉMATIQUES'],
  ['030201', 'ANGLAIS LV1'],
  ['020100', 'FRANÇAIS'],
  ['040600', 'HISTOIRE-GÉOGRAPHIE'],
  ['062000', 'SCIENCES DE LA VIE ET DE LA TERRE'],
  ['063700', 'PHYSIQUE-CHIMIE'],
];

/** A Paris wall-clock time of a day, as an instant. */
const at = (day: string, hour: number) =>
  new Date(parisStartOfDay(day).getTime() + hour * 3_600_000).toISOString();

export function openServicesWithData(dir: string, accountIds: readonly number[]): void {
  const db = new BetterSqlite3(join(dir, 'pupitre.sqlite'));
  const today = parisDay(new Date());
  db.transaction(() => {
    const school = db.prepare(`SELECT id FROM school ORDER BY id LIMIT 1`).get() as { id: number };
    db.prepare(`UPDATE school SET opened_services = 'notes,vie_scolaire' WHERE id = ?`).run(
      school.id,
    );
    const year = db
      .prepare(`SELECT starts_on AS startsOn FROM school_year WHERE school_id = ? AND is_current`)
      .get(school.id) as { startsOn: string };
    const periods = db
      .prepare(
        `SELECT id, starts_on AS startsOn, ends_on AS endsOn FROM period
                 WHERE school_id = ? AND level = ''`,
      )
      .all(school.id) as { id: number; startsOn: string; endsOn: string }[];
    const teacher = (
      db.prepare(`SELECT id FROM staff_user ORDER BY id LIMIT 1`).get() as {
        id: number;
      }
    ).id;
    const subjectIds = SUBJECTS.map(
      ([code, label]) =>
        db
          .prepare(
            `INSERT INTO subject (school_id, code, management_code, short_label, long_label)
                    VALUES (?, ?, ?, ?, ?)`,
          )
          .run(school.id, code, code, label, label).lastInsertRowid as number,
    );
    const placeholders = accountIds.map(() => '?').join(', ');
    const children = db
      .prepare(
        `SELECT DISTINCT s.id AS id, s.division_id AS divisionId, d.code AS divisionCode
                  FROM account_student x JOIN student s ON s.id = x.student_id
                  JOIN division d ON d.id = s.division_id
                 WHERE x.account_id IN (${placeholders})`,
      )
      .all(...accountIds) as { id: number; divisionId: number; divisionCode: string }[];

    // Marks: six subjects, an assessment every ten days or so in each since the year began,
    // for every present pupil of the children's divisions.
    const service = db.prepare(`INSERT INTO teaching_service (school_id, subject_id,
      structure_kind, structure_code, staff_user_id, source, created_at)
      VALUES (?, ?, 'division', ?, ?, 'sts', ?)`);
    const assessment = db.prepare(`INSERT INTO assessment (school_id, teaching_service_id,
      period_id, label, day, created_by, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    const mark = db.prepare(`INSERT INTO mark (school_id, assessment_id, student_id, points,
      special, updated_by, updated_at, entered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    const pupilsOf = db.prepare(`SELECT id FROM student WHERE division_id = ? AND left_on IS NULL`);
    const divisions = new Map(children.map((c) => [c.divisionId, c.divisionCode]));
    let n = 0;
    for (const [divisionId, code] of divisions) {
      const pupils = pupilsOf.all(divisionId) as { id: number }[];
      subjectIds.forEach((subjectId, s) => {
        const serviceId = service.run(school.id, subjectId, code, teacher, at(year.startsOn, 8))
          .lastInsertRowid as number;
        for (
          let day = addDays(year.startsOn, 7 + s), k = 1;
          day < today;
          day = addDays(day, 10), k++
        ) {
          const period = periods.find((p) => p.startsOn <= day && day <= p.endsOn);
          if (!period) continue;
          const typed = at(day, 18);
          const assessmentId = assessment.run(
            school.id,
            serviceId,
            period.id,
            `Devoir ${k}`,
            day,
            teacher,
            typed,
            typed,
          ).lastInsertRowid as number;
          for (const pupil of pupils) {
            n++;
            const absent = n % 29 === 0;
            mark.run(
              school.id,
              assessmentId,
              pupil.id,
              absent ? null : 500 + ((n * 137) % 1500),
              absent ? 'Abs' : null,
              teacher,
              typed,
              typed,
            );
          }
        }
      });
    }

    // Vie scolaire: for each child, an absence (a morning, or a whole day) or a retard on
    // about one school day in six, processed and « publiable en ligne », up to yesterday.
    const event = db.prepare(`INSERT INTO school_life_event (school_id, student_id, kind,
      starts_at, ends_at, minutes, justified, publishable_online, recorded_by, recorded_at,
      processed) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, 1)`);
    for (const child of children) {
      let i = child.id;
      for (let day = year.startsOn; day < today; day = addDays(day, 1)) {
        const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
        if (weekday === 0 || weekday === 6 || ++i % 6 !== 0) continue;
        const kind = i % 4 === 0 ? 'lateness' : 'absence';
        const start = at(day, 8);
        const end = kind === 'lateness' ? start : at(day, i % 3 === 0 ? 17 : 12);
        event.run(
          school.id,
          child.id,
          kind,
          start,
          end,
          kind === 'lateness' ? 10 : null,
          i % 2,
          teacher,
          at(day, 18),
        );
      }
    }
  })();
  db.close();
}
