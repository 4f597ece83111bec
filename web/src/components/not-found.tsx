import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useT } from '../i18n/i18n.ts';

export const NotFound = () => {
  const t = useT();
  return <Result status="404" title="404" subTitle={t('notFound')} extra={<Link to="/"><Button type="primary">{t('backHome')}</Button></Link>} />;
};
