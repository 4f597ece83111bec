// The resident's own code page.
import type { Bilingual } from '../../i18n/i18n.ts';
import { healthBase } from './health-messages.ts';

const zh = {
  ...healthBase.zh,
  title: '我的健康码',
  'banner.green': '绿码 · 可通行',
  'banner.yellow': '黄码 · 请配合健康监测',
  'banner.red': '红码 · 请配合管控',
  issuedAt: '生成时间',
  refreshIn: '{n} 秒后自动刷新',
  refresh: '刷新',
  expired: '二维码已过期，正在刷新…',
  reasons: '赋码原因',
  reviewAt: '预计复核时间',
  appeal: '申诉纠错',
  appealHint: '如您认为码色有误，请说明情况，街道工作人员核实后会予以纠正。',
  appealReason: '申诉理由',
  appealRequired: '请说明情况（至少 2 个字）',
  appealSubmit: '提交申诉',
  appealFiled: '申诉已提交，请等待处理',
  appealPending: '您的申诉正在处理中（提交于 {at}）',
  noPerson: '无法显示健康码',
};
const en: Record<keyof typeof zh, string> = {
  ...healthBase.en,
  title: 'My health code',
  'banner.green': 'Green · free to pass',
  'banner.yellow': 'Yellow · under health monitoring',
  'banner.red': 'Red · under control measures',
  issuedAt: 'Issued',
  refreshIn: 'Refreshes in {n} s',
  refresh: 'Refresh',
  expired: 'The code has expired; refreshing…',
  reasons: 'Why',
  reviewAt: 'Next review',
  appeal: 'Appeal',
  appealHint: 'If you think the colour is wrong, say why; the street office checks and corrects it.',
  appealReason: 'Your reason',
  appealRequired: 'Say why (2 characters at least)',
  appealSubmit: 'Send the appeal',
  appealFiled: 'Appeal sent; please wait for the decision',
  appealPending: 'Your appeal is being handled (sent {at})',
  noPerson: 'The code cannot be shown',
};
export const myCodeMessages: Bilingual<typeof zh> = { zh, en };
