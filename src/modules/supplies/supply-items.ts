// What a household under sealing or observation may ask for (生活物资 and 防疫物资), as data.
export const SUPPLY_ITEMS = [
  { code: 'rice', name: '大米', unit: '袋(5kg)' },
  { code: 'flour', name: '面粉/面条', unit: '袋' },
  { code: 'oil', name: '食用油', unit: '桶' },
  { code: 'vegetables', name: '蔬菜包', unit: '份' },
  { code: 'eggs', name: '鸡蛋', unit: '盒' },
  { code: 'milk', name: '牛奶', unit: '箱' },
  { code: 'infant_formula', name: '婴幼儿奶粉', unit: '罐' },
  { code: 'masks', name: '口罩', unit: '包' },
  { code: 'disinfectant', name: '消毒液', unit: '瓶' },
  { code: 'antigen_kit', name: '抗原检测试剂', unit: '盒' },
  { code: 'medicine', name: '常用药品', unit: '份' },
] as const;
export type SupplyItem = (typeof SUPPLY_ITEMS)[number]['code'];
export const ITEM_CODES = SUPPLY_ITEMS.map((i) => i.code) as [SupplyItem, ...SupplyItem[]];

export type Line = { item: string; quantity: number };

/** The lines summed per item, in catalogue order. */
export const sumLines = (lines: readonly Line[]): Line[] => {
  const by = new Map<string, number>();
  for (const l of lines) by.set(l.item, (by.get(l.item) ?? 0) + l.quantity);
  return ITEM_CODES.filter((c) => by.has(c)).map((c) => ({ item: c, quantity: by.get(c)! }));
};

/**
 * What a delivery leaves of what was allocated: `rest` goes back to the warehouse, `over` are lines
 * handed over beyond the allocation (an item not allocated, or more of one), which stock never covered.
 */
export const deliveryBalance = (allocated: readonly Line[], handed: readonly Line[]) => {
  const given = new Map(sumLines(handed).map((l) => [l.item, l.quantity]));
  const taken = new Map(sumLines(allocated).map((l) => [l.item, l.quantity]));
  const rest = [...taken].map(([item, q]) => ({ item, quantity: q - (given.get(item) ?? 0) })).filter((l) => l.quantity > 0);
  const over = [...given].map(([item, q]) => ({ item, quantity: q - (taken.get(item) ?? 0) })).filter((l) => l.quantity > 0);
  return { rest, over };
};

export const itemName = (code: string) => SUPPLY_ITEMS.find((i) => i.code === code)?.name ?? code;
