/**
 * The home tile of the vie scolaire service (SPEC §6: « 5 demi-journées d'absences ce
 * trimestre »): the count formatted the French way (« 1 234 », a narrow no-break space), the
 * singular for one, « aucune » for none, and the school's own term (trimestre or semestre).
 */
const COUNT = new Intl.NumberFormat('fr-FR');

export function absenceTileText(halfDays: number, periodWord: string): string {
  if (halfDays === 0) return `Aucune demi-journée d’absence ce ${periodWord}`;
  if (halfDays === 1) return `1 demi-journée d’absence ce ${periodWord}`;
  return `${COUNT.format(halfDays)} demi-journées d’absences ce ${periodWord}`;
}
