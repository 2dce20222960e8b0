import type { FastifyInstance } from 'fastify';
import { MailOutboxEntity } from '../../main/db/entities/mail';
import { FamilyAccountEntity, AccountStudentEntity } from '../../main/db/entities/accounts';
import { startPortal, type RunningPortal } from '../../main/http/portal/startPortal';
import { activationDeadline } from '../../shared/domain/accounts';
import { startTestPupitre, testHasher, type TestPupitre } from './pupitre';

export const PORTAL_URL = 'http://127.0.0.1/familles';

export interface PortalWorld {
  p: TestPupitre;
  portal: RunningPortal;
  client(address?: string): PortalClient;
  cleanup(): Promise<void>;
}

export interface PortalAnswer {
  status: number;
  body: string;
  location: string | undefined;
  headers: Record<string, string | string[] | number | undefined>;
}

/**
 * A browser without script, as the portal must serve one: it keeps its cookies, and sends
 * back the form token of the last page it read (as a page's form would).
 */
export class PortalClient {
  cookies = new Map<string, string>();
  csrf = '';

  constructor(
    private app: FastifyInstance,
    private address: string,
  ) {}

  private remember(headers: Record<string, unknown>) {
    const set = headers['set-cookie'];
    for (const line of Array.isArray(set) ? set : set ? [set] : []) {
      const [pair] = String(line).split(';');
      const [name, ...rest] = pair!.split('=');
      const value = rest.join('=');
      if (/Expires=Thu, 01 Jan 1970/i.test(String(line)) || value === '')
        this.cookies.delete(name!);
      else this.cookies.set(name!, value);
    }
  }

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private answer(res: { statusCode: number; body: string; headers: Record<string, unknown> }) {
    this.remember(res.headers);
    const token = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (token) this.csrf = token[1]!;
    return {
      status: res.statusCode,
      body: res.body,
      location: res.headers.location as string | undefined,
      headers: res.headers as PortalAnswer['headers'],
    };
  }

  async get(url: string): Promise<PortalAnswer> {
    const res = await this.app.inject({
      method: 'GET',
      url,
      remoteAddress: this.address,
      headers: { cookie: this.cookieHeader() },
    });
    return this.answer(res);
  }

  async post(url: string, form: Record<string, string>, csrf = this.csrf): Promise<PortalAnswer> {
    const res = await this.app.inject({
      method: 'POST',
      url,
      remoteAddress: this.address,
      headers: {
        cookie: this.cookieHeader(),
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: new URLSearchParams({ ...form, _csrf: csrf }).toString(),
    });
    return this.answer(res);
  }

  /** Reads `page` first (for its form token), then posts to `url`. */
  async submit(page: string, url: string, form: Record<string, string>) {
    await this.get(page);
    return this.post(url, form);
  }
}

export async function startPortalWorld(options: { students?: number } = {}): Promise<PortalWorld> {
  const p = await startTestPupitre({ students: options.students ?? 120 });
  await p.db.manager.query('UPDATE school SET portal_url = ?', [PORTAL_URL]);
  const portal = await startPortal(p, { port: 0 });
  return {
    p,
    portal,
    client: (address = '192.0.2.10') => new PortalClient(portal.app, address),
    cleanup: async () => {
      await portal.close();
      await p.cleanup();
    },
  };
}

/** Test fixture: a provisional password on an account, as a printed letter would give. */
export async function giveProvisionalPassword(p: TestPupitre, accountId: number, password: string) {
  const today = p.clock.now().toISOString().slice(0, 10);
  await p.db.manager.getRepository(FamilyAccountEntity).update(accountId, {
    passwordHash: await testHasher.hash(password),
    state: 'provisional',
    letterDate: today,
    expiresOn: activationDeadline(today),
  });
}

/** Test fixture: an account its family has activated, with a confirmed address. */
export async function activateAccount(
  p: TestPupitre,
  accountId: number,
  password: string,
  email: string,
) {
  await p.db.manager.getRepository(FamilyAccountEntity).update(accountId, {
    passwordHash: await testHasher.hash(password),
    state: 'active',
    email,
    emailConfirmed: true,
  });
}

/** A guardian account with one child or more, and its children's dates of birth. */
export async function guardianWithChildren(p: TestPupitre, minChildren = 1) {
  const accounts = await p.db.manager
    .getRepository(FamilyAccountEntity)
    .find({ where: { kind: 'guardian' }, order: { id: 'ASC' } });
  for (const account of accounts) {
    const links = await p.db.manager
      .getRepository(AccountStudentEntity)
      .findBy({ accountId: account.id });
    if (links.length >= minChildren) {
      const rows: { id: number; birth_date: string }[] = await p.db.manager.query(
        `SELECT id, birth_date FROM student WHERE id IN (${links.map((l) => l.studentId).join(',')})`,
      );
      return { account, children: rows.map((r) => ({ id: r.id, birthDate: r.birth_date })) };
    }
  }
  throw new Error(`no guardian with ${minChildren} children`);
}

/**
 * Hands each caller the next guardian account with children that no earlier call had, in id
 * order, with its children's dates of birth: tests of one file share a world, never an account.
 */
export function guardianPicker(p: TestPupitre) {
  let used = 0;
  return async function nextGuardian() {
    const rows: { id: number }[] = await p.db.manager.query(
      `SELECT a.id FROM family_account a WHERE a.kind = 'guardian'
         AND EXISTS (SELECT 1 FROM account_student l WHERE l.account_id = a.id)
       ORDER BY a.id LIMIT 1 OFFSET ${used++}`,
    );
    if (!rows[0]) throw new Error('no unused guardian account with children left');
    const account = await p.db.manager
      .getRepository(FamilyAccountEntity)
      .findOneByOrFail({ id: rows[0].id });
    const children: { id: number; birthDate: string }[] = await p.db.manager.query(
      `SELECT s.id, s.birth_date AS "birthDate" FROM student s
         JOIN account_student l ON l.student_id = s.id WHERE l.account_id = ?`,
      [account.id],
    );
    return { account, children };
  };
}

/** The last message in the outbox to `to`, its body opened as the sender will send it. */
export async function lastMailTo(p: TestPupitre, to: string) {
  // Recovery mail is written after the answer (issue 14): wait for it as a family would.
  await p.portal.services.auth.settled();
  const rows = await p.db.manager
    .getRepository(MailOutboxEntity)
    .find({ where: { toAddress: to }, order: { id: 'DESC' }, take: 1 });
  const row = rows[0];
  return row
    ? { ...row, sealedBody: row.textBody, textBody: p.mailer.openBody(row.textBody) }
    : null;
}

export const linkToken = (text: string) => /jeton=([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? null;

/** « 2012-03-07 » → « 07/03/2012 », as a parent types it. */
export const typed = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** A pupil with both legal representatives, each with a family account of their own. */
export interface TwoGuardianFamily {
  studentId: number;
  divisionId: number;
  /** Légal 1 and légal 2 (guardian ids), and their accounts. */
  g1: number;
  g2: number;
  a1: number;
  a2: number;
}

/**
 * The pupils whose légal 1 and légal 2 each hold an account (the fiche de renseignements'
 * families), by pupil id; `placed`: only pupils in a division.
 */
export async function twoGuardianFamilies(
  p: TestPupitre,
  { placed = false } = {},
): Promise<TwoGuardianFamily[]> {
  return (await p.db.manager.query(
    `SELECT s.id AS "studentId", s.division_id AS "divisionId", l1.guardian_id AS g1,
            l2.guardian_id AS g2, a1.id AS a1, a2.id AS a2
       FROM student s
       JOIN student_guardian l1 ON l1.student_id = s.id AND l1.legal_rank = 1
       JOIN student_guardian l2 ON l2.student_id = s.id AND l2.legal_rank = 2
       JOIN family_account a1 ON a1.guardian_id = l1.guardian_id
       JOIN family_account a2 ON a2.guardian_id = l2.guardian_id
      ${placed ? 'WHERE s.division_id IS NOT NULL' : ''}
      ORDER BY s.id`,
  )) as TwoGuardianFamily[];
}
