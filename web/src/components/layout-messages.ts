import type { Bilingual } from '../i18n/i18n.ts';

const zh = {
  workbench: '工作台',
  events: '事件',
  map: '网格地图',
  overview: '统计分析',
  registry: '人房企',
  screening: '排查核查',
  admin: '系统管理',
  users: '用户',
  units: '部门',
  categories: '事件分类',
  audit: '审计日志',
  report: '上报',
  tasks: '任务',
  mine: '我的上报',
  console: '指挥中心',
  field: '网格员',
};
const en: Record<keyof typeof zh, string> = {
  workbench: 'Workbench',
  events: 'Events',
  map: 'Grid map',
  overview: 'Figures',
  registry: 'Registry',
  screening: 'Screening',
  admin: 'Administration',
  users: 'Users',
  units: 'Units',
  categories: 'Categories',
  audit: 'Audit log',
  report: 'Report',
  tasks: 'Tasks',
  mine: 'My reports',
  console: 'Centre',
  field: 'Grid worker',
};
export const layoutMessages: Bilingual<typeof zh> = { zh, en };
