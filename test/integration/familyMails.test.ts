import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GuardianEntity } from '../../main/db/entities';
import { FamilyAccountEntity } from '../../main/db/entities/accounts';
import { activateAccount, linkToken, startPortalWorld, type PortalWorld } from '../helpers/portal';

// The family's e-mails as they arrive: the folder transport's .eml files, parsed by mailparser.
let w: PortalWorld;
beforeAll(async () => {
  w = await startPortalWorld();
});
afterAll(async () => w?.cleanup());

/** Sends what waits in the outbox, and reads back the last .eml written to `to`. */
async function lastEmlTo(to: string) {
  // Recovery mail is written after the answer (issue 14).
  await w.p.portal.services.auth.settled();
  await w.p.mailer.work();
  const folder = join(w.p.dir, 'courriels');
  const mails = await Promise.all(
    readdirSync(folder)
      .sort()
      .map((f) => simpleParser(readFileSync(join(folder, f)))),
  );
  const mine = mails.filter((m) => (m.to && 'text' in m.to ? m.to.text : '') === to);
  const mail = mine.at(-1);
  if (!mail) throw new Error(`no e-mail to ${to}`);
  return { subject: mail.subject ?? '', text: mail.text ?? '' };
}

/** The n-th guardian account of the demo school, activated with `email`. */
async function activeGuardian(n: number, email: string) {
  const accounts = await w.p.db.manager
    .getRepository(FamilyAccountEntity)
    .find({ where: { kind: 'guardian' }, order: { id: 'ASC' }, take: n + 1 });
  const account = accounts[n]!;
  await activateAccount(w.p, account.id, 'Tigre7Bleu', email);
  const guardian = await w.p.db.manager
    .getRepository(GuardianEntity)
    .findOneByOrFail({ id: account.guardianId! });
  const browser = w.client();
  await browser.submit('/', '/connexion', { login: account.login, password: 'Tigre7Bleu' });
  return { account, guardian, browser };
}

describe('the e-mails a family receives', () => {
  it('a new address gets its own text (not the first connection’s), with the civility and « du COLLÈGE … »', async () => {
    const { account, guardian, browser } = await activeGuardian(0, 'ancienne@example.fr');
    const asked = await browser.submit('/compte', '/compte/adresse', {
      current: 'Tigre7Bleu',
      email: 'nouvelle@example.fr',
      emailAgain: 'nouvelle@example.fr',
    });
    expect(asked.status).toBe(303);
    const civility = guardian.civility === 'Mme' ? 'Madame' : 'Monsieur';

    const mail = await lastEmlTo('nouvelle@example.fr');
    expect(mail.text).toMatch(new RegExp(`^Bonjour ${civility},\\n\\nCette adresse électronique`));
    expect(mail.text).toContain(
      `comme nouvelle adresse du compte «\u202f${account.login}\u202f» des services en ligne du COLLÈGE LUCIE VERNEREY.`,
    );
    expect(mail.text).not.toContain('Vous souhaitez accéder');
    expect(mail.text).not.toMatch(/services en ligne de COLL/);

    const notice = await lastEmlTo('ancienne@example.fr');
    expect(notice.text).toMatch(new RegExp(`^Bonjour ${civility},\\n\\nUne nouvelle adresse`));

    // The page after the link says the address changed, not that an account was created.
    const token = linkToken(mail.text)!;
    await browser.get(`/confirmer?jeton=${token}`);
    const confirmed = await browser.post('/confirmer', { token });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).not.toContain('Création réussie');
    expect(confirmed.body).toContain('Votre nouvelle adresse électronique, nouvelle@example.fr');
  });

  it('« identifiant oublié »: a capital after « Bonjour, » and no full stop glued to the identifiant; « Mes données » lists it', async () => {
    const { account, guardian, browser } = await activeGuardian(1, 'rappel@example.fr');
    await w.client('192.0.2.77').submit('/identifiant-oublie', '/identifiant-oublie', {
      email: 'rappel@example.fr',
    });
    const mail = await lastEmlTo('rappel@example.fr');
    // Sent to an address, not an account: the civility of the guardian whose address it is.
    const civility = guardian.civility === 'Mme' ? 'Madame' : 'Monsieur';
    expect(mail.text).toMatch(
      new RegExp(`^Bonjour ${civility},\\n\\nVoici l’identifiant du compte`),
    );
    expect(mail.text).toContain('des services en ligne du COLLÈGE LUCIE VERNEREY');
    expect(mail.text).toContain(`\n– ${account.login}\n`);
    expect(mail.text).not.toContain(`${account.login}.`);

    const data = await browser.get('/mes-donnees');
    expect(data.body).toContain('Rappel de votre identifiant');
    const json = JSON.parse((await browser.get('/mes-donnees.json')).body) as {
      messages: { subject: string }[];
    };
    expect(json.messages.some((x) => x.subject.includes('Rappel de votre identifiant'))).toBe(true);
  });

  it('another account’s reminder is not listed in « Mes données »', async () => {
    const { browser } = await activeGuardian(2, 'seul@example.fr');
    const other = await w.p.db.manager
      .getRepository(FamilyAccountEntity)
      .findOneByOrFail({ email: 'rappel@example.fr' });
    expect(other.login).toBeTruthy();
    const data = await browser.get('/mes-donnees');
    expect(data.body).not.toContain('rappel@example.fr');
  });
});
