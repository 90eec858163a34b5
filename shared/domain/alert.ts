import { z } from 'zod';
import { SeatOwnerSchema } from './seat';
import { CrsSchema, LngLatSchema } from './geo';

/**
 * Alert taxonomy. Keys are stable identifiers stored in SQLite and sent by gateways;
 * the displayed names come from i18n (`category.<key>`).
 * Grouped as in Chinese 110 practice: criminal (刑事), public order (治安), traffic, fire/rescue,
 * civil disputes and citizen-service (12345) matters.
 */
export const ALERT_CATEGORIES = [
  'robbery', // 抢劫
  'burglary', // 入室盗窃
  'theft', // 盗窃
  'fraud', // 诈骗
  'assault', // 伤害
  'fight', // 打架斗殴
  'domestic_violence', // 家庭暴力
  'sexual_assault', // 性侵
  'kidnapping', // 绑架
  'weapon', // 持械/涉枪
  'suspicious', // 可疑人员/车辆
  'missing_person', // 人员走失
  'traffic_accident', // 交通事故
  'traffic_jam', // 交通拥堵
  'drunk_driving', // 酒驾
  'fire', // 火警
  'rescue', // 抢险救援
  'dispute', // 纠纷
  'noise', // 噪音扰民
  'help_request', // 求助
  'complaint', // 投诉 (12345)
  'consultation', // 咨询 (12345)
  'public_facility', // 市政设施 (12345)
  'environment', // 环境卫生 (12345)
  'other',
] as const;
export const AlertCategorySchema = z.enum(ALERT_CATEGORIES);
export type AlertCategory = z.infer<typeof AlertCategorySchema>;

export const AlertSourceSchema = z.enum(['110', '12345']);
export type AlertSource = z.infer<typeof AlertSourceSchema>;

/** 1 = urgent (紧急, violent crime in progress), 2 = important, 3 = ordinary, 4 = low/consultation. */
export const PrioritySchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
export type Priority = z.infer<typeof PrioritySchema>;

export const ALERT_STATUSES = [
  'received',
  'acknowledged',
  'dispatched',
  'en_route',
  'on_scene',
  'resolved',
  'closed',
  'merged',
  'transferred',
  'cancelled',
] as const;
export const AlertStatusSchema = z.enum(ALERT_STATUSES);
export type AlertStatus = z.infer<typeof AlertStatusSchema>;

/** An alert as a gateway sends it (the wire form). Location is in the sender's coordinate system. */
export const AlertReportSchema = z.object({
  id: z.string().min(1).max(64),
  source: AlertSourceSchema,
  category: AlertCategorySchema,
  priority: PrioritySchema,
  reportedAt: z.iso.datetime({ offset: true }),
  location: z.object({
    lng: z.number().min(-180).max(180),
    lat: z.number().min(-90).max(90),
    crs: CrsSchema,
  }),
  address: z.string().max(200),
  caller: z.object({ name: z.string().max(50).optional(), phone: z.string().min(3).max(20) }),
  description: z.string().max(2000),
  /**
   * The call-taker's amendment number: a report sent again with the same id and a higher
   * revision corrects the stored alert (priority, address, location …). Absent means 1.
   */
  revision: z.number().int().min(1).max(1_000_000).optional(),
});
export type AlertReport = z.infer<typeof AlertReportSchema>;

/** An alert as the console stores it: the report plus its WGS84 position and lifecycle state. */
export const AlertSchema = AlertReportSchema.extend({
  position: LngLatSchema,
  status: AlertStatusSchema,
  receivedAt: z.iso.datetime({ offset: true }),
  seq: z.number().int().nonnegative(),
  /** The seat that owns it (protocol 2, the gateway's `alert.owner`); null or absent: nobody yet. */
  owner: SeatOwnerSchema.nullable().optional(),
});
export type Alert = z.infer<typeof AlertSchema>;

/** Statuses that still need the duty officer's attention; they stay in the queue. */
export const OPEN_STATUSES: readonly AlertStatus[] = [
  'received',
  'acknowledged',
  'dispatched',
  'en_route',
  'on_scene',
];
export const isOpen = (status: AlertStatus): boolean => OPEN_STATUSES.includes(status);
