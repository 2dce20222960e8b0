import { Alert, List, Stack, Text } from '@mantine/core';
import type { LetterPlan } from '../../../../shared/api/staff/letters';
import { formatCount, formatNumber } from '../../../ui/format';

/** French typography: a narrow no-break space before « : » and « ; ». */
const NNBSP = '\u202f';
/** « 3 réimpressions : … », the number and what it does. */
const said = (what: string, then: string) => `${what}${NNBSP}: ${then}`;

/** What the batch does to each kind of account, with numbers (issue 13). */
function PlanEffects({ plan }: { plan: LetterPlan }) {
  const families = plan.replacedLetters > 1 ? 'ces familles' : 'cette famille';
  return (
    <>
      {plan.firstLetters > 0 && (
        <List.Item>
          {`${formatCount(plan.firstLetters, 'premier courrier (compte jamais notifié)', 'premiers courriers (comptes jamais notifiés)')}, avec un mot de passe provisoire.`}
        </List.Item>
      )}
      {plan.replacedLetters > 0 && (
        <List.Item>
          <Text span fw={600} inherit>
            {formatCount(plan.replacedLetters, 'réimpression', 'réimpressions')}
          </Text>
          {said(
            '',
            `le courrier déjà remis à ${families} ne servira plus, son mot de passe provisoire cessera de fonctionner dès que le PDF sera prêt.`,
          )}
        </List.Item>
      )}
      {plan.resets > 0 && (
        <List.Item>
          {said(
            'Réinitialisation',
            'le mot de passe choisi par la famille cessera de fonctionner.',
          )}
        </List.Item>
      )}
      {plan.identifiantOnly > 0 && (
        <List.Item>
          {said(
            formatCount(
              plan.identifiantOnly,
              'compte dont le titulaire a choisi son mot de passe',
              'comptes dont le titulaire a choisi son mot de passe',
            ),
            'le courrier rappelle l’identifiant seul, le mot de passe ne change pas.',
          )}
        </List.Item>
      )}
      {plan.alreadyNotified > 0 && (
        <List.Item>
          {said(
            formatCount(
              plan.alreadyNotified,
              'compte déjà notifié laissé de côté',
              'comptes déjà notifiés laissés de côté',
            ),
            'les courriers déjà remis restent valables.',
          )}
        </List.Item>
      )}
    </>
  );
}

export function PlanSummary({ plan, mode }: { plan: LetterPlan; mode: 'pdf' | 'email' }) {
  return (
    <Stack gap="xs">
      <Text>
        {mode === 'pdf'
          ? `${formatCount(plan.letters, 'courrier', 'courriers')} à imprimer.`
          : `${formatCount(plan.withEmail, 'courrier', 'courriers')} à envoyer par courriel (sur ${formatNumber(plan.letters)}).`}
      </Text>
      {plan.filedElsewhere > 0 && (
        <Text size="sm" c="dimmed">
          {`Le tableau compte ${formatNumber(plan.letters - plan.filedElsewhere)} comptes dans cette division${NNBSP}; les ${formatNumber(plan.filedElsewhere)} autres courriers sont pour des familles ayant aussi un enfant dans une autre division, sous laquelle le tableau les range. Chacun est remis par l’enfant de cette division, dont le nom est imprimé.`}
        </Text>
      )}
      <List size="sm" spacing={2}>
        {mode === 'email' ? (
          // By e-mail, only the guardians with an address get a letter, hence a new password.
          plan.newPasswordsByEmail > 0 && (
            <List.Item>
              {said(
                formatCount(
                  plan.newPasswordsByEmail,
                  'nouveau mot de passe provisoire',
                  'nouveaux mots de passe provisoires',
                ),
                'le mot de passe précédent de ces comptes cessera de fonctionner.',
              )}
            </List.Item>
          )
        ) : (
          <PlanEffects plan={plan} />
        )}
        {plan.skippedClosed > 0 && (
          <List.Item>
            {`${formatCount(plan.skippedClosed, 'compte fermé laissé', 'comptes fermés laissés')} de côté (refus, regroupement).`}
          </List.Item>
        )}
        {mode === 'email' && plan.letters > plan.withEmail && (
          <List.Item>
            {said(
              formatCount(
                plan.letters - plan.withEmail,
                'compte sans adresse',
                'comptes sans adresse',
              ),
              'imprimez leurs courriers.',
            )}
          </List.Item>
        )}
      </List>
      {plan.portalUrlMissing && (
        <Alert color="red" title="Adresse du portail manquante" role="alert">
          {said(
            'Les courriers doivent dire aux familles où se connecter',
            'indiquez l’adresse du portail dans les Paramètres avant de les préparer.',
          )}
        </Alert>
      )}
      {plan.unprintable.length > 0 && (
        <Alert color="red" title="Des noms ne peuvent pas être imprimés" role="alert">
          <Text size="sm" mb={4}>
            {`La police des courriers ne sait pas dessiner ces caractères${NNBSP}; corrigez les noms avant d’imprimer${NNBSP}:`}
          </Text>
          <List size="sm">
            {plan.unprintable.slice(0, 10).map((u) => (
              <List.Item key={u.accountId}>{said(u.name, u.characters.join(' '))}</List.Item>
            ))}
          </List>
        </Alert>
      )}
    </Stack>
  );
}
