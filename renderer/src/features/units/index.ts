export { UnitList } from './UnitList';
export type { UnitRowAction } from './UnitList';
