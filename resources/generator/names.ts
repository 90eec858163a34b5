/** Fictional Chinese names with pinyin for the synthetic city. */
export type Name = readonly [zh: string, en: string];

/** Core north–south streets, most important first (primary lines take the first names). */
export const CORE_NS: readonly Name[] = [
  ['泽州路', 'Zezhou Lu'],
  ['太行路', 'Taihang Lu'],
  ['凤台路', 'Fengtai Lu'],
  ['兰花路', 'Lanhua Lu'],
  ['景西路', 'Jingxi Lu'],
  ['晓庄路', 'Xiaozhuang Lu'],
  ['金匠路', 'Jinjiang Lu'],
  ['白马路', 'Baima Lu'],
  ['书院路', 'Shuyuan Lu'],
  ['文峰路', 'Wenfeng Lu'],
  ['钟楼路', 'Zhonglou Lu'],
  ['青莲路', 'Qinglian Lu'],
  ['莲花路', 'Lianhua Lu'],
  ['银河路', 'Yinhe Lu'],
  ['丹河路', 'Danhe Lu'],
  ['沁河路', 'Qinhe Lu'],
  ['长平路', 'Changping Lu'],
  ['玉泉路', 'Yuquan Lu'],
  ['翠屏路', 'Cuiping Lu'],
  ['香山路', 'Xiangshan Lu'],
  ['南山路', 'Nanshan Lu'],
  ['北山路', 'Beishan Lu'],
  ['锦绣路', 'Jinxiu Lu'],
  ['富康路', 'Fukang Lu'],
  ['福泉路', 'Fuquan Lu'],
  ['兴华路', 'Xinghua Lu'],
  ['振兴路', 'Zhenxing Lu'],
  ['育才路', 'Yucai Lu'],
  ['学府路', 'Xuefu Lu'],
  ['科技路', 'Keji Lu'],
  ['创业路', 'Chuangye Lu'],
  ['瑞丰路', 'Ruifeng Lu'],
  ['永安路', "Yong'an Lu"],
  ['平安路', "Ping'an Lu"],
  ['康宁路', 'Kangning Lu'],
  ['明珠路', 'Mingzhu Lu'],
  ['梧桐路', 'Wutong Lu'],
  ['松林路', 'Songlin Lu'],
  ['槐荫路', 'Huaiyin Lu'],
  ['石榴路', 'Shiliu Lu'],
  ['百花路', 'Baihua Lu'],
];

/** Core east–west streets. */
export const CORE_EW: readonly Name[] = [
  ['建设路', 'Jianshe Lu'],
  ['红星街', 'Hongxing Jie'],
  ['新市街', 'Xinshi Jie'],
  ['迎宾街', 'Yingbin Jie'],
  ['文昌街', 'Wenchang Jie'],
  ['黄华街', 'Huanghua Jie'],
  ['白水街', 'Baishui Jie'],
  ['人民街', 'Renmin Jie'],
  ['解放街', 'Jiefang Jie'],
  ['东风街', 'Dongfeng Jie'],
  ['前进街', 'Qianjin Jie'],
  ['和平街', 'Heping Jie'],
  ['胜利街', 'Shengli Jie'],
  ['青年街', 'Qingnian Jie'],
  ['工人街', 'Gongren Jie'],
  ['朝阳街', 'Chaoyang Jie'],
  ['向阳街', 'Xiangyang Jie'],
  ['阳光街', 'Yangguang Jie'],
  ['春晖街', 'Chunhui Jie'],
  ['秀水街', 'Xiushui Jie'],
  ['清风街', 'Qingfeng Jie'],
  ['明月街', 'Mingyue Jie'],
  ['星河街', 'Xinghe Jie'],
  ['鸿福街', 'Hongfu Jie'],
  ['泰和街', 'Taihe Jie'],
  ['长乐街', 'Changle Jie'],
  ['安居街', 'Anju Jie'],
  ['乐业街', 'Leye Jie'],
  ['嘉禾街', 'Jiahe Jie'],
  ['丰泽街', 'Fengze Jie'],
  ['润泽街', 'Runze Jie'],
  ['德政街', 'Dezheng Jie'],
  ['崇文街', 'Chongwen Jie'],
  ['凤鸣街', 'Fengming Jie'],
  ['龙湾街', 'Longwan Jie'],
  ['鹿台街', 'Lutai Jie'],
  ['玉带街', 'Yudai Jie'],
  ['银杏街', 'Yinxing Jie'],
  ['紫荆街', 'Zijing Jie'],
  ['海棠街', 'Haitang Jie'],
  ['丁香街', 'Dingxiang Jie'],
];

/** Residential lanes inside blocks take the name of a nearby street plus a suffix. */
export const LANE_SUFFIX: readonly Name[] = [
  ['一巷', 'Yixiang'],
  ['二巷', 'Erxiang'],
  ['三巷', 'Sanxiang'],
  ['四巷', 'Sixiang'],
  ['五巷', 'Wuxiang'],
  ['六巷', 'Liuxiang'],
  ['七巷', 'Qixiang'],
  ['八巷', 'Baxiang'],
  ['九巷', 'Jiuxiang'],
];

export const TOWN_NS: readonly Name[] = [
  ['人民路', 'Renmin Lu'],
  ['解放路', 'Jiefang Lu'],
  ['新华路', 'Xinhua Lu'],
  ['文化路', 'Wenhua Lu'],
  ['工农路', 'Gongnong Lu'],
  ['朝阳路', 'Chaoyang Lu'],
  ['胜利路', 'Shengli Lu'],
];
export const TOWN_EW: readonly Name[] = [
  ['府前街', 'Fuqian Jie'],
  ['中心街', 'Zhongxin Jie'],
  ['东风街', 'Dongfeng Jie'],
  ['和平街', 'Heping Jie'],
  ['青年街', 'Qingnian Jie'],
  ['育才街', 'Yucai Jie'],
  ['富民街', 'Fumin Jie'],
];

export interface CountyDef {
  adcode: string;
  name: Name;
  /** County town (seat): polar angle in degrees (0 = east, counter-clockwise) and fraction of city radius. */
  townName: Name;
  angle: number;
  frac: number;
  /** Sector of the county: [from, to) degrees counter-clockwise. */
  sector: readonly [number, number];
}

export const CORE_COUNTY = { adcode: '149901', name: ['城区', 'Chengqu District'] as Name };

export const COUNTIES: readonly CountyDef[] = [
  {
    adcode: '149902',
    name: ['高川县', 'Gaochuan County'],
    townName: ['高川镇', 'Gaochuan'],
    angle: 85,
    frac: 0.78,
    sector: [50, 110],
  },
  {
    adcode: '149903',
    name: ['陵源县', 'Lingyuan County'],
    townName: ['陵源镇', 'Lingyuan'],
    angle: 10,
    frac: 0.74,
    sector: [300, 410],
  },
  {
    adcode: '149904',
    name: ['阳河县', 'Yanghe County'],
    townName: ['阳河镇', 'Yanghe'],
    angle: 235,
    frac: 0.78,
    sector: [210, 300],
  },
  {
    adcode: '149905',
    name: ['西岭县', 'Xiling County'],
    townName: ['西岭镇', 'Xiling'],
    angle: 185,
    frac: 0.76,
    sector: [160, 210],
  },
  {
    adcode: '149906',
    name: ['沁川县', 'Qinchuan County'],
    townName: ['沁川镇', 'Qinchuan'],
    angle: 138,
    frac: 0.74,
    sector: [110, 160],
  },
];

/** Townships (乡镇): angle, fraction of the city radius. */
export const VILLAGES: readonly { name: Name; angle: number; frac: number }[] = [
  { name: ['东岭镇', 'Dongling'], angle: 340, frac: 0.62 },
  { name: ['石门乡', 'Shimen'], angle: 28, frac: 0.8 },
  { name: ['杏林镇', 'Xinglin'], angle: 65, frac: 0.5 },
  { name: ['松岭乡', 'Songling'], angle: 100, frac: 0.72 },
  { name: ['桃园镇', 'Taoyuan'], angle: 122, frac: 0.52 },
  { name: ['青石乡', 'Qingshi'], angle: 152, frac: 0.78 },
  { name: ['白马镇', 'Baima'], angle: 170, frac: 0.48 },
  { name: ['云峰镇', 'Yunfeng'], angle: 200, frac: 0.74 },
  { name: ['鹿台乡', 'Lutai'], angle: 222, frac: 0.5 },
  { name: ['泉头镇', 'Quantou'], angle: 255, frac: 0.6 },
  { name: ['柏树乡', 'Baishu'], angle: 285, frac: 0.66 },
  { name: ['凤鸣镇', 'Fengming'], angle: 312, frac: 0.45 },
  { name: ['银坪镇', 'Yinping'], angle: 48, frac: 0.42 },
  { name: ['碾盘乡', 'Nianpan'], angle: 265, frac: 0.4 },
];

/** Core patrol districts: inner ring (4), middle ring (9), outer ring (16). */
export const CORE_DISTRICT_NAMES: readonly Name[] = [
  ['钟楼巡区', 'Zhonglou'],
  ['府前巡区', 'Fuqian'],
  ['文庙巡区', 'Wenmiao'],
  ['凤台巡区', 'Fengtai'],
  ['东城巡区', 'Dongcheng'],
  ['东北巡区', 'Dongbei'],
  ['北城巡区', 'Beicheng'],
  ['西北巡区', 'Xibei'],
  ['西城巡区', 'Xicheng'],
  ['火车站巡区', 'Railway Station'],
  ['西南巡区', 'Xinan'],
  ['南城巡区', 'Nancheng'],
  ['东南巡区', 'Dongnan'],
  ['东关巡区', 'Dongguan'],
  ['开发区巡区', 'Development Zone'],
  ['白马巡区', 'Baima'],
  ['北关巡区', 'Beiguan'],
  ['金村巡区', 'Jincun'],
  ['书院巡区', 'Shuyuan'],
  ['高铁新区巡区', 'HSR New Area'],
  ['西关巡区', 'Xiguan'],
  ['晓庄巡区', 'Xiaozhuang'],
  ['兰花巡区', 'Lanhua'],
  ['南关巡区', 'Nanguan'],
  ['南村巡区', 'Nancun'],
  ['丹河巡区', 'Danhe'],
  ['青莲巡区', 'Qinglian'],
  ['东岗巡区', 'Donggang'],
  ['泰和巡区', 'Taihe'],
];
