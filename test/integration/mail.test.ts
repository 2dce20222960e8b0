import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MailOutboxEntity, MailSettingsEntity } from '../../main/db/entities';
import { BACKOFF_MS } from '../../main/mail/outbox';
import { renderTemplate } from '../../main/mail/templates';
import type { MailPage } from '../../shared/api/staff/mail';
import type { LetterJob, LetterPlan } from '../../shared/api/staff/letters';
import { finishedJob } from '../helpers/letterRuns';
import { startPupitre } from '../../main/bootstrap';
import {
  ADMIN_PASSWORD,
  loginToken,
  startTestPupitre,
  testHasher,
  type TestPupitre,
  value,
} from '../helpers/pupitre';

// The outbox against a real SMTP server in this process (smtp-server) and real parsing of
// what arrives (mailparser). Its built-in certificate has expired: STARTTLS is off.
interface Received {
  to: string[];
  raw: Buffer;
}
let p: TestPupitre;
let direction: string;
let server: SMTPServer;
let port: number;
let received: Received[];
/** RCPT answers to give, in order: a code, or null to accept. */
let rcptAnswers: (number | null)[];
let smtpPassword = 'MotDePasseSmtp-Secret';

beforeEach(async () => {
  received = [];
  rcptAnswers = [];
  server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    // The password reaches the server unsealed, and only there.
    onAuth(auth, _session, cb) {
      if (auth.username === 'pupitre' && auth.password === smtpPassword)
        return cb(null, { user: 'pupitre' });
      cb(new Error('Identifiants refusés'));
    },
    logger: false,
    onRcptTo(address, _session, cb) {
      const code = rcptAnswers.shift() ?? null;
      if (code)
        return cb(
          Object.assign(new Error(code >= 500 ? 'Boîte inconnue' : 'Essayez plus tard'), {
            responseCode: code,
          }),
        );
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as { port: number }).port;
  p = await startTestPupitre({ students: 30 });
  direction = await loginToken(p, 'direction', ADMIN_PASSWORD);
});
afterEach(async () => {
  await p.cleanup();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function useSmtp(password = 'MotDePasseSmtp-Secret') {
  smtpPassword = password;
  value(
    await p.dispatch(
      'mail.updateSettings',
      {
        transport: 'smtp',
        host: '127.0.0.1',
        port,
        security: 'none',
        username: 'pupitre',
        password,
        fromAddress: 'ce.0000000a@ac-test.fr',
        fromName: 'Collège de test',
        perMinute: 600,
      },
      direction,
    ),
  );
}

const pdf = Buffer.from('%PDF-1.4\n% courrier de test avec mot de passe ABCD2345\n%%EOF\n');

async function enqueueLetter(to = 'parent@example.org') {
  return p.db.transaction((m) =>
    p.mailer.enqueue(m, {
      schoolId: 1,
      to,
      template: 'account-letter',
      data: {
        schoolName: 'Collège de test',
        login: 'zoe.martin',
        recipientName: 'Paul Martin',
        newPassword: true,
      },
      attachments: [
        { filename: 'courrier-zoe.martin.pdf', contentType: 'application/pdf', content: pdf },
      ],
    }),
  );
}
const rows = () => p.db.manager.getRepository(MailOutboxEntity).find({ order: { id: 'ASC' } });

describe('the outbox', () => {
  it('a message exists only if its transaction commits', async () => {
    await expect(
      p.db.transaction(async (m) => {
        await p.mailer.enqueue(m, {
          schoolId: 1,
          to: 'a@example.org',
          template: 'mail-test',
          data: { schoolName: 'X' },
        });
        throw new Error('annulé');
      }),
    ).rejects.toThrow('annulé');
    expect(await rows()).toEqual([]);
  });

  it('delivers through SMTP with the PDF attached, then erases the attachment from the database', async () => {
    await useSmtp();
    await enqueueLetter();
    await p.mailer.work();
    expect(received).toHaveLength(1);
    const mail = await simpleParser(received[0]!.raw);
    // The school with its article, its name as written: « du collège de test ».
    expect(mail.subject).toBe(
      'Services en ligne du collège de test\u00a0: votre courrier de notification',
    );
    expect(mail.text).toContain('«\u202fzoe.martin\u202f»');
    expect(mail.text).not.toContain('ABCD2345');
    expect(mail.text).toContain('Madame, Monsieur,');
    expect(mail.text).toContain(
      'Ce mot de passe provisoire devra être modifié lors de votre première connexion\u202f; vous disposez de 3 mois pour activer votre compte.',
    );
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]!.filename).toBe('courrier-zoe.martin.pdf');
    expect(Buffer.compare(mail.attachments[0]!.content, pdf)).toBe(0);
    const [row] = await rows();
    expect(row).toMatchObject({ status: 'sent', attempts: 1, attachments: null });
  });

  it('the letter’s message gives the activation deadline in words when it has it', () => {
    const { text, html } = renderTemplate('account-letter', {
      schoolName: 'Collège de test',
      login: 'zoe.martin',
      recipientName: 'Paul Martin',
      newPassword: true,
      deadline: '2027-02-23',
    });
    expect(text.startsWith('Madame, Monsieur,')).toBe(true);
    expect(text).toContain(
      'Ce mot de passe provisoire devra être modifié lors de votre première connexion\u202f; vous devez activer votre compte au plus tard le 23 février 2027.',
    );
    expect(html).not.toContain('Paul Martin');
    const confirm = renderTemplate('account-confirm-email', {
      schoolName: 'Collège de test',
      login: 'zoe.martin',
      link: 'https://portail.example.fr/confirmer',
    });
    expect(confirm.text).toContain('Bonjour,\n\nVous souhaitez accéder aux services en ligne');
    // The guardian's civility, when the school recorded it, instead of « Madame, Monsieur, ».
    const toMadame = renderTemplate('account-letter', {
      schoolName: 'Collège de test',
      login: 'zoe.martin',
      newPassword: true,
      civility: 'Madame',
    });
    expect(toMadame.text.startsWith('Madame,\n\nVous trouverez')).toBe(true);
    expect(toMadame.text).toContain('aux services en ligne du collège de test');
  });

  it('a message read back from SMTP has no-break spaces before « : ; ? ! » and inside « », never inside its link or identifiant', async () => {
    await useSmtp();
    const link = 'https://portail.example.fr/confirmer?jeton=ab:cd;ef!';
    await p.db.transaction((m) =>
      p.mailer.enqueue(m, {
        schoolId: 1,
        to: 'parent@example.org',
        template: 'account-confirm-email',
        data: { schoolName: 'Collège de test', login: 'zoe.martin', link, newAddress: true },
      }),
    );
    await p.mailer.work();
    const mail = await simpleParser(received.at(-1)!.raw);
    const text = mail.text ?? '';
    const html = typeof mail.html === 'string' ? mail.html : '';
    for (const body of [text, html]) {
      // No plain space left before the punctuation that would then start a line.
      expect(body).not.toMatch(/ [:;?!](\s|$|<)/);
      expect(body).toContain('cliquant sur le lien ci-dessous\u00a0:');
      expect(body).toContain('ignorez ce message\u00a0: rien ne change.');
      expect(body).toContain('«\u202fzoe.martin\u202f»');
    }
    expect(text).toContain(`\n\n${link}\n\n`);
    expect(html).toContain(`<a href="${link}">${link}</a>`);
  });

  it('a 4xx answer is retried later with backoff, then delivered', async () => {
    await useSmtp();
    rcptAnswers = [452];
    await enqueueLetter();
    await p.mailer.work();
    let [row] = await rows();
    expect(row).toMatchObject({ status: 'queued', attempts: 1 });
    expect(row!.lastError).toContain('452');
    expect(received).toHaveLength(0);
    await p.mailer.work();
    expect(received).toHaveLength(0);
    p.clock.advance(BACKOFF_MS[0]! + 1000);
    await p.mailer.work();
    [row] = await rows();
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
    expect(received).toHaveLength(1);
  });

  it('a 5xx answer fails for good, with its reason on the « Courriels » screen, and can be retried', async () => {
    await useSmtp();
    rcptAnswers = [550];
    const id = await enqueueLetter('inconnu@example.org');
    await p.mailer.work();
    const page = value<MailPage>(await p.dispatch('mail.list', { status: 'failed' }, direction));
    expect(page.items).toHaveLength(1);
    expect(page.items[0]!.lastError).toContain('550');
    expect(page.counts.failed).toBe(1);
    value(await p.dispatch('mail.retry', { id }, direction));
    await p.mailer.work();
    expect((await rows())[0]).toMatchObject({ status: 'sent' });
  });

  it('nothing is lost on a restart: queued and half-sent messages go out after it', async () => {
    await enqueueLetter('un@example.org');
    await enqueueLetter('deux@example.org');
    await p.db.manager
      .getRepository(MailOutboxEntity)
      .update({ toAddress: 'deux@example.org' }, { status: 'sending' });
    await useSmtp();
    await p.close();
    const again = await startPupitre({
      dataDir: p.dir,
      clock: p.clock,
      hasher: testHasher,
      adminPassword: ADMIN_PASSWORD,
      manualMail: true,
    });
    try {
      await again.mailer.work();
    } finally {
      await again.close();
    }
    expect(received.map((r) => r.to[0]).sort()).toEqual(['deux@example.org', 'un@example.org']);
  });

  it('without SMTP, every message becomes an .eml file in the data folder', async () => {
    await enqueueLetter();
    await p.mailer.work();
    const files = readdirSync(join(p.dir, 'courriels'));
    expect(files).toHaveLength(1);
    const mail = await simpleParser(readFileSync(join(p.dir, 'courriels', files[0]!)));
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe('parent@example.org');
    expect(mail.attachments[0]!.filename).toBe('courrier-zoe.martin.pdf');
  });

  it('the SMTP password and waiting letters are never in clear in the database file', async () => {
    await useSmtp('MotDePasseSmtp-Secret');
    await enqueueLetter();
    const settings = await p.db.manager
      .getRepository(MailSettingsEntity)
      .findOneByOrFail({ schoolId: 1 });
    expect(settings.passwordSealed).not.toContain('MotDePasseSmtp');
    await p.db.manager.query('PRAGMA wal_checkpoint(TRUNCATE)');
    const file = readFileSync(join(p.dir, 'pupitre.sqlite'));
    expect(file.includes('MotDePasseSmtp-Secret')).toBe(false);
    expect(file.includes('ABCD2345')).toBe(false);
    const view = value<{ passwordSet: boolean }>(await p.dispatch('mail.settings', {}, direction));
    expect(view.passwordSet).toBe(true);
    expect(JSON.stringify(view)).not.toContain('MotDePasseSmtp');
  });
});

// Issue 14: « the letter is sent to exactly one recipient, checked on the SMTP envelope ».
describe('an e-mailed letter has exactly one recipient', () => {
  const accountsWithEmail = () =>
    p.db.manager.query(
      `SELECT a.id, g.id AS guardian_id FROM family_account a JOIN guardian g ON g.id = a.guardian_id
        WHERE g.email <> '' ORDER BY a.id LIMIT 3`,
    ) as Promise<{ id: number; guardian_id: number }[]>;

  it('a letter run e-mails only the one address: RCPT TO is exactly it; a list or a CRLF + « Bcc: » is no address', async () => {
    await useSmtp();
    const [plain, listed, hidden] = await accountsWithEmail();
    const setEmail = (guardianId: number, email: string) =>
      p.db.manager.query('UPDATE guardian SET email = ? WHERE id = ?', [email, guardianId]);
    // Values as an import before the rule kept them.
    await setEmail(plain!.guardian_id, 'pierre.royer@exemple.com');
    await setEmail(listed!.guardian_id, 'pierre.royer@exemple.com;autre.parent@exemple.org');
    await setEmail(hidden!.guardian_id, 'pierre.royer@exemple.com\r\nBcc: intrus@exemple.net');
    const scope = { kind: 'accounts', accountIds: [plain!.id, listed!.id, hidden!.id] };
    const plan = value<LetterPlan>(await p.dispatch('letters.plan', { scope }, direction));
    expect(plan.withEmail).toBe(1);
    const job = await finishedJob(
      p,
      direction,
      value<LetterJob>(await p.dispatch('letters.email', { scope }, direction)),
    );
    expect(job.state, job.message).toBe('done');
    await p.mailer.work();

    expect(received.map((r) => r.to)).toEqual([['pierre.royer@exemple.com']]);
    expect((await rows()).map((r) => [r.accountId, r.status])).toEqual([[plain!.id, 'sent']]);
    // No password changed for a letter that was not sent.
    const hashes = (await p.db.manager.query(
      'SELECT id FROM family_account WHERE id IN (?, ?) AND password_hash IS NOT NULL',
      [listed!.id, hidden!.id],
    )) as unknown[];
    expect(hashes).toEqual([]);
  });

  it('a hostile `to` in the outbox is refused before SMTP, failed with its reason', async () => {
    await useSmtp();
    await enqueueLetter('pierre.royer@exemple.com;autre.parent@exemple.org');
    await enqueueLetter('pierre.royer@exemple.com\r\nBcc: intrus@exemple.net');
    await enqueueLetter('parents: a@exemple.fr, b@exemple.fr;');
    await p.mailer.work();
    expect(received).toEqual([]);
    const [listed, hidden, group] = await rows();
    expect(listed).toMatchObject({
      status: 'failed',
      attachments: null,
      lastError:
        'Non envoyé : l’adresse du destinataire est refusée, plusieurs adresses dans un même champ : une seule adresse est acceptée.',
    });
    expect(hidden).toMatchObject({ status: 'failed' });
    expect(hidden!.lastError).toContain('caractères invisibles ou de contrôle');
    expect(group).toMatchObject({ status: 'failed' });
    const page = value<MailPage>(await p.dispatch('mail.list', { status: 'failed' }, direction));
    expect(page.counts.failed).toBe(3);
  });
});
