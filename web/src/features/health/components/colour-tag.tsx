// The colours of a health code and of a zone level, the same on every page.
import { Tag } from 'antd';
import { useT } from '../../../i18n/i18n.ts';
import type { Colour } from '../health-api.ts';
import { healthBase } from '../health-messages.ts';
import type { Level } from '../zones-api.ts';

/** Solid colours of the code itself (banner, QR frame, result card). */
export const CODE_COLOURS: Record<Colour, string> = { green: '#16a34a', yellow: '#eab308', red: '#dc2626' };
const TAG_COLOURS: Record<Colour, string> = { green: 'success', yellow: 'gold', red: 'error' };
export const LEVEL_TAG_COLOURS: Record<Level, string> = { sealed: 'red', controlled: 'orange', precaution: 'blue' };
/** Map fills of the zone levels, matching the tags. */
export const LEVEL_FILLS: Record<Level, string> = { sealed: '#f5222d', controlled: '#fa8c16', precaution: '#1677ff' };

export const ColourTag = ({ colour }: { colour: Colour | null }) => {
  const t = useT(healthBase);
  if (!colour) return <>—</>;
  return <Tag color={TAG_COLOURS[colour]} data-colour={colour}>{t(`code.${colour}`)}</Tag>;
};

export const LevelTag = ({ level }: { level: Level }) => {
  const t = useT(healthBase);
  return <Tag color={LEVEL_TAG_COLOURS[level]} data-level={level}>{t(`level.${level}`)}</Tag>;
};

/** A big square of the code's colour with its name, for a person's page. */
export const ColourBadge = ({ colour }: { colour: Colour }) => {
  const t = useT(healthBase);
  return (
    <div className="code-badge" style={{ background: CODE_COLOURS[colour] }} data-testid="colour-badge" data-colour={colour}>
      {t(`code.${colour}`)}
    </div>
  );
};

/** The reasons of a code: the rule id and the text. */
export const Reasons = ({ reasons }: { reasons: { rule: string; colour: Colour; reason: string }[] }) => (
  <div style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
    {reasons.map((r) => (
      <div key={r.rule}>
        <Tag color={TAG_COLOURS[r.colour]} style={{ fontFamily: 'monospace' }}>{r.rule}</Tag>
        <span>{r.reason}</span>
      </div>
    ))}
  </div>
);
