// A standard address of the unified address library (统一地址库), as held in memory for resolution
// and as stored in the `addresses` table (snake_case there).

export type AddressLevel = 'compound' | 'building' | 'unit' | 'room';

export type StandardAddress = {
  id: number;
  level: AddressLevel;
  parentId: number | null;
  cityName: string; // 杭州市
  countyCode: string; // 330102
  countyName: string; // 上城区
  streetCode: string; // 330102011
  streetName: string; // 凯旋街道
  communityCode: string; // 330102011002
  gridCode: string; // 330102011002003
  road: string; // 景芳路
  roadNumber: string; // 100 (the 号 is not stored)
  compound: string; // 景芳三区
  building: string | null; // 12 (幢)
  unit: string | null; // 2 (单元)
  room: string | null; // 301 (室)
  lng: number;
  lat: number;
  fullText: string; // 杭州市上城区凯旋街道景芳路100号景芳三区12幢2单元301室
};
