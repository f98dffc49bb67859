/** #/drill/:id/desks — every role of the drill, who holds it, and links to open its desk here or in a new window. */
import { useTranslation } from 'react-i18next';
import { useDrill } from '@/ui/drill-runtime';
import { pick } from '@/ui/i18n';
import { DeskDirectory } from './desk-directory';
import './desks.css';
import './strings';

export default function DesksPage({ drillId }: { drillId: string }) {
  const { t, i18n } = useTranslation(['desks', 'glossary']);
  const drill = useDrill(drillId);
  if (drill.state === 'loading') return <p aria-busy="true">{t('directory.loading')}</p>;
  if (drill.state === 'missing') return <p role="alert">{t('directory.notFound')}</p>;
  if (drill.state === 'error' || !drill.header) return <p role="alert">{drill.error ? pick(drill.error, i18n.language) : t('directory.notFound')}</p>;
  return <DeskDirectory drillId={drillId} participants={drill.header.participants} inbox={drill.snapshot?.inbox} />;
}
