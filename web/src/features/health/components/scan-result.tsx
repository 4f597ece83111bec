// The verdict of a check, big enough to read at arm's length: green 通行 or red 禁止通行, the code's
// colour, the masked name and the reason.
import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { useT } from '../../../i18n/i18n.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { checkpointMessages } from '../checkpoint-messages.ts';
import type { Verdict } from '../health-api.ts';
import { CODE_COLOURS } from './colour-tag.tsx';

export const ScanResult = ({ verdict }: { verdict: Verdict }) => {
  const t = useT(checkpointMessages);
  const pass = verdict.result === 'pass';
  return (
    <div className={`scan-result ${pass ? 'pass' : 'deny'}`} data-testid="scan-result" data-result={verdict.result} role="status">
      <div className="scan-result-head">
        {pass ? <CheckCircleFilled /> : <CloseCircleFilled />}
        <span>{pass ? t('pass') : t('deny')}</span>
      </div>
      <div className="scan-result-body">
        {verdict.colour && (
          <span className="scan-result-colour" style={{ background: CODE_COLOURS[verdict.colour] }}>{t(`code.${verdict.colour}`)}</span>
        )}
        {verdict.name && <span className="scan-result-name">{verdict.name}</span>}
      </div>
      <div className="scan-result-reason">{verdict.reason}</div>
      <div className="scan-result-meta">{verdict.checkpoint.name} · {formatDateTime(verdict.checkedAt)}</div>
    </div>
  );
};
