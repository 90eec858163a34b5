import { z } from 'zod';

/** Checkpoint (卡口/查控点) level: on the provincial border, the city boundary, or inside the city. */
export const CheckpointLevelSchema = z.enum(['provincial', 'city', 'district']);
export type CheckpointLevel = z.infer<typeof CheckpointLevelSchema>;

export const CheckpointSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  level: CheckpointLevelSchema,
  lng: z.number(),
  lat: z.number(),
  /** Road this checkpoint sits on (name or ref), for the officer's orientation. */
  road: z.string(),
  /** ANPR bayonet camera ids covering this checkpoint. */
  cameraIds: z.array(z.string()),
});
export type Checkpoint = z.infer<typeof CheckpointSchema>;
