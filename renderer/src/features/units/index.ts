export { UnitList } from './UnitList';
