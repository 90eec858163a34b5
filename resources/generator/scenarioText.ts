/** Chinese wording for the demo scenario: descriptions per category, places, callers. */
import type { AlertCategory } from '../../shared/domain/alert';
import type { Rng } from './prng';

export const DESCRIPTIONS: Partial<Record<AlertCategory, readonly string[]>> = {
  robbery: [
    '{r}附近一名男子抢走路人手机后向{d}跑了，穿黑色外套。',
    '报警人称在{r}被两名男子拦住，抢走钱包和手机，对方骑电动车逃离。',
  ],
  burglary: [
    '报警人下班回家发现{home}家中门锁被撬，屋内被翻乱，丢失现金和首饰。',
    '{poi}一楼商铺卷帘门被撬开，收银台现金被盗。',
  ],
  theft: [
    '报警人在{poi}购物时手机被盗。',
    '{r}停放的电动车被盗，车为{c}色。',
    '报警人称放在车内的包被人砸窗盗走。',
  ],
  fraud: [
    '报警人称接到自称“公检法”电话，已向对方转账{n}万元。',
    '报警人网上刷单被骗，已转账{n}千元，对方已失联。',
  ],
  assault: ['{r}有人被打伤头部流血，打人者仍在现场附近。', '报警人称在{poi}被人用酒瓶打伤，需要救护车。'],
  fight: [
    '{poi}门口有十几个人打架，有人拿着棍子。',
    '{r}两伙人因停车发生冲突，正在互殴。',
    '{poi}内有人酒后打架，桌椅被砸。',
  ],
  domestic_violence: [
    '报警人称丈夫酒后殴打她，现躲在{home}楼道里。',
    '邻居报称{home}楼上传出呼救声和打砸声，疑似家暴。',
  ],
  sexual_assault: ['报警人称在{r}附近被一名男子尾随并猥亵，男子向{d}跑了。'],
  kidnapping: ['报警人称孩子放学在{poi}门口被一名陌生男子强行拉上面包车带走。'],
  weapon: ['{r}有一名男子手持砍刀在路边挥舞，情绪激动。', '{poi}有人拿着刀威胁店员，要求退钱。'],
  suspicious: [
    '{home}附近有一辆无牌面包车停了很久，车上有人一直往小区里张望。',
    '{r}有人挨个拉停放车辆的车门。',
  ],
  missing_person: [
    '报警人{n}岁的孩子在{poi}走失，穿红色上衣。',
    '家中老人（患阿尔茨海默病）下午外出至今未归，最后出现在{r}附近。',
  ],
  traffic_accident: [
    '{r}一辆轿车与电动车相撞，有人倒地受伤。',
    '{r}两车追尾，一人被困车内。',
    '{r}一辆货车与出租车剐蹭，双方争执，堵住路口。',
  ],
  traffic_jam: ['{r}车辆排长队，红绿灯好像坏了，车辆无法通行。', '{poi}门口车辆乱停，道路严重拥堵。'],
  drunk_driving: [
    '{r}有一辆{c}色轿车开得歪歪扭扭，司机疑似酒驾。',
    '报警人称朋友喝了很多酒要开车回家，劝不住。',
  ],
  fire: ['{home}一栋楼冒出浓烟，能看到明火。', '{r}路边一辆轿车起火。', '{home}楼道里电动车着火，烟很大。'],
  rescue: ['{home}电梯故障有人被困，其中有老人。', '有人坐在{home}楼顶边缘，情绪低落，疑似轻生。'],
  dispute: [
    '{poi}顾客与商家因退款发生纠纷。',
    '{r}出租车司机与乘客因车费发生争执。',
    '{home}邻里因漏水问题发生争吵。',
  ],
  noise: [
    '{home}附近烧烤摊很晚还在大声喧哗，影响休息。',
    '{home}楼上装修噪音很大，晚上还在施工。',
    '{r}广场舞音响声音太大。',
  ],
  help_request: [
    '报警人钥匙锁在车内，孩子还在车里。',
    '一名老人在{r}迷路，说不清家庭住址。',
    '报警人手机、钱包丢失，身在{r}无法回家。',
  ],
  complaint: [
    '市民投诉{home}附近夜市油烟扰民。',
    '投诉{home}物业乱收费，多次协商未果。',
    '投诉{r}渣土车夜间违规运输，抛洒严重。',
  ],
  consultation: [
    '市民咨询居住证办理需要哪些材料。',
    '咨询{poi}附近新开通的公交线路和末班车时间。',
    '咨询电动车上牌流程和地点。',
  ],
  public_facility: ['{r}路灯成片不亮，晚上很黑。', '{r}井盖缺失，存在安全隐患。', '{poi}门口红绿灯故障。'],
  environment: ['{home}附近垃圾多日无人清运，气味很大。', '{r}有企业夜间偷排污水，河水发黑。'],
  other: ['市民反映{poi}附近有流浪犬伤人。', '报警人称有人在{r}路边焚烧杂物。'],
};

export const POIS = [
  '华联超市',
  '兴隆饭店',
  '星光网吧',
  '金色年华KTV',
  '东关菜市场',
  '实验小学',
  '蓝调酒吧',
  '福泉宾馆',
  '人民商场',
  '老张烧烤',
  '农贸市场',
  '夜市',
];
export const HOMES = [
  '阳光小区',
  '锦绣花园',
  '泰和家园',
  '凤台小区',
  '幸福里小区',
  '书院小区',
  '电业局家属院',
  '丹河苑',
];
export const DIRECTIONS = ['东', '西', '南', '北'];
export const COLORS = ['白', '黑', '银', '红', '蓝'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '郭', '牛', '申', '贾', '常'];

export function phone(rng: Rng): string {
  const prefix = rng.pick([
    '130',
    '131',
    '135',
    '138',
    '139',
    '150',
    '152',
    '155',
    '158',
    '177',
    '180',
    '186',
    '187',
    '189',
    '199',
  ]);
  return prefix + String(rng.int(0, 99_999_999)).padStart(8, '0');
}

export function callerName(rng: Rng): string | undefined {
  return rng.chance(0.55) ? `${rng.pick(SURNAMES)}${rng.pick(['先生', '女士'])}` : undefined;
}

/** The place a template mentions ({poi} venue or {home} residential compound), if any. */
export function placeFor(template: string, rng: Rng): string {
  if (template.includes('{home}')) return rng.pick(HOMES);
  if (template.includes('{poi}')) return rng.pick(POIS);
  return '';
}

export function fill(template: string, rng: Rng, road: string, place: string): string {
  return template
    .replaceAll('{r}', road)
    .replaceAll('{poi}', place)
    .replaceAll('{home}', place)
    .replaceAll('{d}', rng.pick(DIRECTIONS))
    .replaceAll('{c}', rng.pick(COLORS))
    .replaceAll('{n}', String(rng.int(2, 9)));
}

/** Category mix per source (weights). */
export const MIX_110: readonly (readonly [AlertCategory, number])[] = [
  ['theft', 10],
  ['dispute', 12],
  ['fight', 8],
  ['traffic_accident', 12],
  ['assault', 3],
  ['robbery', 2],
  ['burglary', 4],
  ['fraud', 5],
  ['domestic_violence', 3],
  ['suspicious', 5],
  ['missing_person', 2],
  ['drunk_driving', 4],
  ['fire', 3],
  ['rescue', 2],
  ['help_request', 6],
  ['noise', 5],
  ['weapon', 1],
  ['sexual_assault', 1],
  ['kidnapping', 0.5],
];
export const MIX_12345: readonly (readonly [AlertCategory, number])[] = [
  ['complaint', 10],
  ['consultation', 7],
  ['public_facility', 7],
  ['environment', 5],
  ['noise', 5],
  ['traffic_jam', 3],
  ['help_request', 2],
  ['other', 2],
];

export function priorityFor(category: AlertCategory, rng: Rng): 1 | 2 | 3 | 4 {
  switch (category) {
    case 'robbery':
    case 'assault':
    case 'weapon':
    case 'kidnapping':
    case 'sexual_assault':
      return 1;
    case 'fight':
    case 'traffic_accident':
    case 'fire':
    case 'domestic_violence':
    case 'rescue':
    case 'drunk_driving':
    case 'missing_person':
      return rng.chance(0.5) ? 1 : 2;
    case 'burglary':
    case 'suspicious':
      return rng.chance(0.3) ? 2 : 3;
    case 'complaint':
    case 'consultation':
    case 'environment':
      return rng.chance(0.4) ? 3 : 4;
    default:
      return 3;
  }
}
