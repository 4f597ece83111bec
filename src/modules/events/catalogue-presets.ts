// Built-in category catalogues. The default follows the 2021 iteration (四平台 + 党政综合); the older
// set of four platforms is the same categories regrouped by a table, loaded by configuration alone
// (`zhili import catalogue --preset legacy`). A new category is a row here or a PUT, never a branch.
import type { Allowance } from '../../lib/working-time.ts';
import type { Step } from './event-machine.ts';

export type Limits = Record<Step, Allowance>;
export type Priority = 'normal' | 'urgent' | 'critical';
export type CategoryRow = { code: string; name: string; parentCode: string | null; platformCode: string; leadUnitType: string | null; priority: Priority; limits: Limits };
export type Catalogue = { platforms: { code: string; name: string }[]; categories: CategoryRow[] };

const LIMITS: Record<'fast' | 'normal' | 'slow', Limits> = {
  fast: { accept: { hours: 0.5 }, dispatch: { hours: 1 }, sign: { hours: 1 }, handle: { days: 1 }, verify: { days: 1 }, close: { days: 1 } },
  normal: { accept: { hours: 2 }, dispatch: { hours: 4 }, sign: { hours: 4 }, handle: { days: 3 }, verify: { days: 2 }, close: { days: 1 } },
  slow: { accept: { hours: 4 }, dispatch: { days: 1 }, sign: { days: 1 }, handle: { days: 10 }, verify: { days: 3 }, close: { days: 2 } },
};
const PACE: Record<Priority, keyof typeof LIMITS> = { critical: 'fast', urgent: 'fast', normal: 'normal' };

// code, name, platform, lead unit type, priority; a code of 6 characters is a sub-category of its first 4.
const ROWS: [string, string, string, string | null, Priority][] = [
  ['ZZ01', '矛盾纠纷', 'comprehensive', 'judicial', 'normal'],
  ['ZZ0101', '邻里纠纷', 'comprehensive', 'judicial', 'normal'],
  ['ZZ0102', '婚姻家庭纠纷', 'comprehensive', 'judicial', 'normal'],
  ['ZZ0103', '物业纠纷', 'comprehensive', 'housing', 'normal'],
  ['ZZ0104', '劳资纠纷', 'comprehensive', 'human_resources', 'urgent'],
  ['ZZ02', '治安隐患', 'comprehensive', 'police', 'urgent'],
  ['ZZ0201', '可疑人员', 'comprehensive', 'police', 'urgent'],
  ['ZZ0202', '群租房隐患', 'comprehensive', 'police', 'normal'],
  ['ZZ0203', '重点人员异常', 'comprehensive', 'police', 'urgent'],
  ['ZZ03', '欠薪', 'comprehensive', 'human_resources', 'urgent'],
  ['ZZ04', '信访苗头', 'comprehensive', 'civil_affairs', 'normal'],
  ['JG01', '占道经营', 'enforcement', 'law_enforcement', 'normal'],
  ['JG02', '违章搭建', 'enforcement', 'law_enforcement', 'normal'],
  ['JG03', '垃圾堆放', 'enforcement', 'urban_management', 'normal'],
  ['JG04', '乱张贴乱涂写', 'enforcement', 'urban_management', 'normal'],
  ['JG05', '食品安全', 'enforcement', 'market_regulation', 'urgent'],
  ['JG06', '无证无照经营', 'enforcement', 'market_regulation', 'normal'],
  ['JG07', '噪音扰民', 'enforcement', 'ecology', 'normal'],
  ['JG08', '餐饮油烟', 'enforcement', 'ecology', 'normal'],
  ['JG09', '违规停车', 'enforcement', 'law_enforcement', 'normal'],
  ['JG10', '非法行医', 'enforcement', 'health', 'urgent'],
  ['JG11', '价格违法', 'enforcement', 'market_regulation', 'normal'],
  ['JG12', '渣土撒漏', 'enforcement', 'urban_management', 'normal'],
  ['YJ01', '安全隐患', 'emergency', 'emergency', 'urgent'],
  ['YJ0101', '消防通道堵塞', 'emergency', 'emergency', 'urgent'],
  ['YJ0102', '电动车违规充电', 'emergency', 'emergency', 'urgent'],
  ['YJ0103', '燃气泄漏', 'emergency', 'emergency', 'critical'],
  ['YJ02', '防汛防台', 'emergency', 'emergency', 'critical'],
  ['YJ03', '危险化学品', 'emergency', 'emergency', 'critical'],
  ['YJ04', '建筑施工安全', 'emergency', 'housing', 'urgent'],
  ['YJ05', '地质灾害隐患', 'emergency', 'emergency', 'critical'],
  ['YJ06', '突发公共卫生事件', 'emergency', 'health', 'critical'],
  ['YJ0601', '风险区封控管控', 'emergency', 'health', 'critical'],
  ['YJ0602', '居家观察违规开门', 'emergency', 'health', 'urgent'],
  ['YJ0603', '发热及有症状人员', 'emergency', 'health', 'urgent'],
  ['YJ07', '人员密集场所', 'emergency', 'police', 'urgent'],
  ['YJ0701', '人员聚集超限', 'emergency', 'police', 'urgent'],
  ['YJ08', '物联感知设备', 'emergency', null, 'urgent'],
  ['YJ0801', '感知设备故障', 'emergency', null, 'urgent'],
  ['GF01', '井盖缺失', 'public_service', 'urban_management', 'urgent'],
  ['GF02', '路灯损坏', 'public_service', 'urban_management', 'normal'],
  ['GF03', '道路破损', 'public_service', 'transport', 'normal'],
  ['GF04', '绿化损毁', 'public_service', 'urban_management', 'normal'],
  ['GF05', '供水故障', 'public_service', 'housing', 'urgent'],
  ['GF06', '物业服务', 'public_service', 'housing', 'normal'],
  ['GF07', '养老服务', 'public_service', 'civil_affairs', 'normal'],
  ['GF08', '困难救助', 'public_service', 'civil_affairs', 'normal'],
  ['GF09', '残疾人服务', 'public_service', 'civil_affairs', 'normal'],
  ['GF10', '公交站亭损坏', 'public_service', 'transport', 'normal'],
  ['GF11', '宠物扰民', 'public_service', 'police', 'normal'],
  ['DZ01', '党建工作', 'party_gov', 'civil_affairs', 'normal'],
  ['DZ02', '政策咨询', 'party_gov', 'civil_affairs', 'normal'],
  ['DZ03', '领导交办', 'party_gov', null, 'urgent'],
];

const rows = (platformOf: (row: (typeof ROWS)[number]) => string): CategoryRow[] =>
  ROWS.map((r) => ({
    code: r[0], name: r[1], parentCode: r[0].length > 4 ? r[0].slice(0, 4) : null, platformCode: platformOf(r), leadUnitType: r[3], priority: r[4], limits: LIMITS[PACE[r[4]]],
  }));

export const CATALOGUE_2021: Catalogue = {
  platforms: [
    { code: 'comprehensive', name: '综治工作' },
    { code: 'enforcement', name: '监管执法' },
    { code: 'emergency', name: '应急管理' },
    { code: 'public_service', name: '公共服务' },
    { code: 'party_gov', name: '党政综合' },
  ],
  categories: rows((r) => r[2]),
};

// The older four platforms: 市场监管 takes the market categories, 综合执法 the rest of enforcement and
// emergency, 便民服务 public service and party affairs.
const LEGACY_BY_UNIT: Record<string, string> = { market_regulation: 'market', health: 'market' };
const LEGACY_BY_PLATFORM: Record<string, string> = { comprehensive: 'comprehensive', enforcement: 'enforcement', emergency: 'enforcement', public_service: 'convenience', party_gov: 'convenience' };

export const CATALOGUE_LEGACY: Catalogue = {
  platforms: [
    { code: 'comprehensive', name: '综治工作' },
    { code: 'market', name: '市场监管' },
    { code: 'enforcement', name: '综合执法' },
    { code: 'convenience', name: '便民服务' },
  ],
  categories: rows((r) => (r[2] === 'enforcement' && r[3] ? LEGACY_BY_UNIT[r[3]] : undefined) ?? LEGACY_BY_PLATFORM[r[2]]!),
};

export const CATALOGUE_PRESETS = { '2021': CATALOGUE_2021, legacy: CATALOGUE_LEGACY } as const;
