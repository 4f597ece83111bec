// Synthetic people and enterprises: plausible names, valid (checksummed) but invented ID numbers,
// phones and credit codes. Never real people.
import { creditCodeCheckChar } from '../lib/credit-code.ts';
import { idNumberCheckChar } from '../lib/id-number.ts';
import type { Rng } from '../lib/random.ts';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国文辉玲丹萍鹏飞红梅宇浩然欣怡子涵梓轩思雨晨阳佳琪嘉伟志强海燕丽娟春梅晓东国平建华雪梅凤英玉兰金凤德明永强立新卫东';
// Where residents' ID numbers were issued: Hangzhou's districts (old and new codes), and the provinces
// most migrants to Hangzhou come from.
const LOCAL_REGIONS = ['330102', '330103', '330104', '330105', '330106', '330108', '330109', '330110', '330182', '330127'];
const MIGRANT_REGIONS = ['341221', '342401', '362502', '411381', '433001', '512501', '522101', '330326', '330521', '331081', '320382'];

export const personName = (rng: Rng): string => {
  const given = rng.chance(0.6) ? rng.pick([...GIVEN]) + rng.pick([...GIVEN]) : rng.pick([...GIVEN]);
  return rng.pick([...SURNAMES]) + given;
};

const pad = (n: number, len: number) => String(n).padStart(len, '0');

/** A valid ID number, unique within `taken`, for someone born between the given years. */
export const idNumberFor = (rng: Rng, taken: Set<string>, minYear: number, maxYear: number, gender: 'male' | 'female'): string => {
  for (;;) {
    const region = rng.chance(0.7) ? rng.pick(LOCAL_REGIONS) : rng.pick(MIGRANT_REGIONS);
    const year = rng.int(minYear, maxYear), month = rng.int(1, 12), day = rng.int(1, 28);
    const seq = rng.int(0, 99) * 10 + (gender === 'male' ? rng.pick([1, 3, 5, 7, 9]) : rng.pick([0, 2, 4, 6, 8]));
    const first17 = `${region}${year}${pad(month, 2)}${pad(day, 2)}${pad(seq, 3)}`;
    const id = first17 + idNumberCheckChar(first17);
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
};

export const mobileFor = (rng: Rng): string =>
  `1${rng.pick(['3', '5', '7', '8', '9'])}${rng.int(0, 9)}${pad(rng.int(0, 99_999_999), 8)}`;

const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A valid unified social credit code for a company registered in `region`. */
export const creditCodeFor = (rng: Rng, region: string, taken: Set<string>): string => {
  for (;;) {
    let org = 'MA';
    for (let i = 0; i < 7; i++) org += CREDIT_ALPHABET[rng.int(0, 30)];
    const first17 = `91${region}${org}`;
    const code = first17 + creditCodeCheckChar(first17);
    if (!taken.has(code)) {
      taken.add(code);
      return code;
    }
  }
};

const BRAND = '恒瑞嘉禾锦华东方新宇瑞丰天成宏达汇通金诚永盛华新鼎盛长江海天聚源中联博远明德';
const TRADE = [
  ['科技有限公司', '软件和信息技术服务业'], ['餐饮管理有限公司', '餐饮业'], ['贸易有限公司', '批发和零售业'],
  ['建筑工程有限公司', '建筑业'], ['物业管理有限公司', '房地产业'], ['服装有限公司', '制造业'],
  ['文化传媒有限公司', '文化、体育和娱乐业'], ['超市', '批发和零售业'], ['汽车维修有限公司', '居民服务、修理和其他服务业'],
] as const;

export const enterpriseFor = (rng: Rng): { name: string; industry: string } => {
  const [suffix, industry] = rng.pick(TRADE);
  return { name: `杭州${rng.pick([...BRAND])}${rng.pick([...BRAND])}${suffix}`, industry };
};

/** Tags for 重点人员 and care groups, at roughly realistic rates. */
export const tagsFor = (rng: Rng, age: number): string[] => {
  const tags: string[] = [];
  if (age >= 70 && rng.chance(0.15)) tags.push('独居老人');
  if (age >= 60 && rng.chance(0.05)) tags.push('空巢老人');
  if (rng.chance(0.02)) tags.push('残疾人');
  if (rng.chance(0.01)) tags.push('低保对象');
  if (age >= 20 && rng.chance(0.01)) tags.push('退役军人');
  if (age >= 18 && rng.chance(0.002)) tags.push('社区矫正对象');
  if (age >= 18 && rng.chance(0.002)) tags.push('严重精神障碍患者');
  return tags;
};
