// When a zone steps down next and to what.
import { useT } from '../../../i18n/i18n.ts';
import { formatDateTime } from '../../../lib/format.ts';
import type { Zone } from '../zones-api.ts';
import { zoneMessages } from '../zone-messages.ts';

export const NextStep = ({ zone }: { zone: Zone }) => {
  const t = useT(zoneMessages);
  if (zone.status === 'lifted') return <>{formatDateTime(zone.liftedAt)} {t('status.lifted')}</>;
  if (!zone.nextStep) return <span className="muted">{t('noNextStep')}</span>;
  const to = zone.nextStep.to === 'lifted' ? t('next.lifted') : t(`level.${zone.nextStep.to}`);
  return <>{t('nextStepAt', { at: formatDateTime(zone.nextStep.at), to: `→ ${to}` })}</>;
};
