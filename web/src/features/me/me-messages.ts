// Words of the resident's own pages: the header they share, and 居家服务 (announcing a door opening,
// asking for supplies).
import type { Bilingual } from '../../i18n/i18n.ts';

const zh = {
  'nav.code': '健康码',
  'nav.home': '居家服务',
  logout: '退出',
  homeTitle: '居家服务',
  announceCard: '报备开门',
  announceHint: '居家观察期间，开门前请先报备（倒垃圾、收快递、就医）；未报备开门，门磁会通知网格员上门核实。',
  suppliesCard: '生活物资申请',
  suppliesHint: '封控或居家观察期间，需要的生活和防疫物资由街道调配、网格员送到家门口。',
  myRequests: '我的申请',
  requestedAt: '申请于 {at}',
  deliveredAt: '送达于 {at}',
};
const en: Record<keyof typeof zh, string> = {
  'nav.code': 'Health code',
  'nav.home': 'At home',
  logout: 'Sign out',
  homeTitle: 'At home',
  announceCard: 'Announce a door opening',
  announceHint: 'Under home observation, announce before you open the door (rubbish, a delivery, a doctor); an unannounced opening sends your grid worker to check.',
  suppliesCard: 'Ask for supplies',
  suppliesHint: 'While sealed or observed at home, the street allocates what you need and a grid worker brings it to your door.',
  myRequests: 'My requests',
  requestedAt: 'Asked {at}',
  deliveredAt: 'Delivered {at}',
};
export const meMessages: Bilingual<typeof zh> = { zh, en };
